/** Uncertainty estimates and per-uncertainty decision thresholds for a target precision. */
package dev.funnel.uncertainty;
