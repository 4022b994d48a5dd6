/**
 * The request path of {@code POST /search}: one typed request through a chain of stages.
 */
package dev.funnel.serving;
