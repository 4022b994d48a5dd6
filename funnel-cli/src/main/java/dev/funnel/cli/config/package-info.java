/**
 * One deployment config file (YAML) for {@code funnel serve}. {@link
 * dev.funnel.cli.config.ConfigKeys} maps every key, in sections ({@code server}, {@code catalog},
 * {@code events}, {@code state}, {@code models}, {@code search}, {@code loop}, {@code limits},
 * {@code auth}, {@code metrics}, {@code logging}), to the {@code serve} flag it sets; {@link
 * dev.funnel.cli.config.ConfigFile} reads a file, refuses an unknown key, a wrong type or a
 * repeated key naming the key, the file and the line, and hands the values to the command line
 * as defaults, so flags given on the command line win. {@link dev.funnel.cli.config.ConfigDocs}
 * renders docs/configuration.md, and {@link dev.funnel.cli.config.ConfigCommand} is {@code
 * funnel config check FILE} and {@code funnel config docs}.
 */
package dev.funnel.cli.config;
