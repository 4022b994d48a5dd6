/**
 * Feedback events: {@link dev.funnel.events.EventCodec} (the JSON form of an event, validated),
 * {@link dev.funnel.events.FileEventLog} (the durable, checksummed, fsync'd log that survives
 * {@code kill -9}), {@link dev.funnel.events.EventsApi} ({@code POST /events}) and {@link
 * dev.funnel.events.EventFiles} ({@code funnel events import}: JSON lines, gzipped or not, opened
 * through the one gzip opener {@link dev.funnel.core.io.Inputs}). See docs/architecture.md.
 */
package dev.funnel.events;
