/**
 * {@code funnel train thresholds} and {@code funnel eval thresholds}: per-uncertainty decision
 * thresholds on TalkingData, Taobao, labelled CSV, the simulator's clicks or the event log. The
 * trained scorer and its tables are one file in the model-file envelope, with typed provenance.
 * See docs/uncertainty.md.
 */
package dev.funnel.cli.uncertainty;
