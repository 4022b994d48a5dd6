/**
 * The loop's commands: {@code funnel simulate} (the click simulator on a BEIR collection), {@code
 * funnel bench funnel} (full-funnel {@code POST /search} latency over HTTP) and {@code funnel bench
 * load} (a closed- or open-loop load generator against a running server).
 */
package dev.funnel.cli.loop;
