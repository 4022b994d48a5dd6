/**
 * Files in and out: {@link dev.funnel.core.io.Inputs} opens every data file (gunzipping it when
 * it starts with the gzip magic bytes), and {@link dev.funnel.core.io.ModelFile} is the one
 * envelope of every model and state file Funnel writes to read back.
 *
 * <p>A model file says what it is before it says anything else:
 *
 * <pre>{@code
 * static final ModelFile.Kind KIND = ModelFile.Kind.of("funnel-ranker", 2);
 * ModelFile.writeJson(file, KIND, FileProvenance.of(List.of("train.jsonl"), params, libs, seed), payload);
 * JsonNode payload = ModelFile.readJson(file, KIND).payload(); // refuses other kinds and versions
 * }</pre>
 *
 * <p>{@link dev.funnel.core.io.FileProvenance} is the typed provenance every file carries: data
 * sources, parameters, library versions, seed, and the Funnel version and git commit of the
 * build that wrote it ({@link dev.funnel.core.io.BuildInfo}, filled by Maven resource filtering
 * at build time, {@code unknown} when not built from git). Binary files put the same envelope on
 * their first line and their binary body after it.
 */
package dev.funnel.core.io;
