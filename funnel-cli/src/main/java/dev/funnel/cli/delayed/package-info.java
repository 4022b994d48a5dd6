/**
 * {@code funnel eval delayed} and {@code funnel train conversion}: delayed-feedback conversion
 * models on the TalkingData and Taobao samples (read by {@code dev.funnel.data}'s one reader per
 * format), a seeded generator or the product's event log. The trained model is a file in the one
 * model-file envelope ({@link dev.funnel.core.io.ModelFile}); see docs/delayed.md.
 */
package dev.funnel.cli.delayed;
