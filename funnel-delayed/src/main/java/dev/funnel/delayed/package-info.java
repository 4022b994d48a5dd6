/**
 * Delayed-feedback conversion modelling: a purchase can come days after the click that led to
 * it, so recent clicks labelled "no conversion" may still convert.
 *
 * <h2>Data</h2>
 * Every source becomes {@link dev.funnel.delayed.Touch touches} (click, cart, favourite, view,
 * conversion per user-item key) assembled into click {@link dev.funnel.delayed.Journey journeys}
 * by one code path, {@link dev.funnel.delayed.JourneyAssembler}: the product's event log
 * ({@link dev.funnel.delayed.EventLogSource}), TalkingData and Taobao files
 * ({@link dev.funnel.delayed.TalkingDataReader}, {@link dev.funnel.delayed.TaobaoReader}) and the
 * seeded shop simulator ({@link dev.funnel.delayed.SyntheticGenerator}).
 *
 * <h2>Training sets as of a time</h2>
 * {@link dev.funnel.delayed.EventTimeBuilder#snapshot} gives, for each click before t, the label
 * observed at t, the elapsed time, the engagement so far and whether the label is mature; journeys
 * are truncated at t, so nothing after t can leak. Eventual labels stay apart, for evaluation.
 *
 * <h2>Weighting</h2>
 * A {@link dev.funnel.delayed.WeightingScheme} turns a snapshot into a weighted set: vanilla,
 * oracle (evaluation only), waiting window, FNW, FSIW, ES-DFM and engagement-aware weighting
 * ({@link dev.funnel.delayed.Weightings#create by name}). Auxiliary models are LightGBM fits on
 * mature rows only.
 *
 * <pre>{@code
 * ClickData data = EventLogSource.read(log, Durations.seconds("window", "7d"));
 * ConversionModel m = ConversionTraining.train(data, new EngagementWeighting(),
 *     new ConversionTraining.Settings(asOf, 28 * 86_400L, 86_400L, ConversionTrainer.defaultParams(1), 1));
 * m.save(path);                         // model-file envelope: kind, version, provenance
 * double p = ConversionModel.load(path).predict(EventLogSource.features(click, itemClicks, userClicks));
 * }</pre>
 *
 * <h2>Evaluation</h2>
 * {@link dev.funnel.delayed.StreamingEvaluation} runs the streaming protocol (train on what is
 * observable at a window's start, test on the window's eventual labels) and reports AUC, PR-AUC,
 * NLL and RI-AUC with bootstrap intervals. Commands: {@code funnel eval delayed},
 * {@code funnel train conversion}; formulas and results in docs/delayed.md.
 */
package dev.funnel.delayed;
