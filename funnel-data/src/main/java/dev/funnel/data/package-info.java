/**
 * One reader per tabular data format, shared by every command that reads it: {@link
 * dev.funnel.data.CsvFile} (Apache Commons CSV, quoted fields, gzip through {@link
 * dev.funnel.core.io.Inputs}, typed field access that names {@code file:line}, column and value on
 * bad input), and on top of it {@link dev.funnel.data.TaobaoUserBehavior}, {@link
 * dev.funnel.data.TalkingDataClicks} and {@link dev.funnel.data.ObdRows}. The modules that turn
 * these rows into examples (uncertainty, delayed feedback, off-policy evaluation) do only that.
 *
 * <pre>{@code
 * for (TalkingDataClicks.Click c : TalkingDataClicks.read(Path.of("train_sample.csv"))) {
 *   features(c.app(), c.device(), c.os(), c.channel(), c.hour());
 * }
 * }</pre>
 *
 * <p>The table of formats, readers and commands is in docs/architecture.md ("Data formats and
 * model files").
 */
package dev.funnel.data;
