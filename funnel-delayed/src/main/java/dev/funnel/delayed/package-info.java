/** Delayed-feedback conversion modelling: event-time training sets and importance-weighting schemes. */
package dev.funnel.delayed;
