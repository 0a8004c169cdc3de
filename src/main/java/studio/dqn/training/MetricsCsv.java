package studio.dqn.training;

import java.util.Locale;

/** The metric history as CSV (RFC 4180, "." decimals, header row), for spreadsheets and pandas. */
public final class MetricsCsv {

    private MetricsCsv() {
    }

    /** One row per training episode: {@code episode,return}. */
    public static String episodes(MetricsHistory.Data h) {
        StringBuilder sb = new StringBuilder("episode,return\n");
        float[] r = h.episodeReturns();
        for (int i = 0; i < r.length; i++) {
            sb.append(i + 1).append(',').append(number(r[i])).append('\n');
        }
        return sb.toString();
    }

    /** One row per greedy evaluation. */
    public static String evaluations(MetricsHistory.Data h) {
        StringBuilder sb = new StringBuilder("training_step,env_steps,episodes,mean,std,min,max\n");
        for (EvaluationResult e : h.evaluations()) {
            sb.append(e.trainingStep()).append(',').append(e.envSteps()).append(',').append(e.episodes()).append(',')
                    .append(number(e.mean())).append(',').append(number(e.std())).append(',')
                    .append(number(e.min())).append(',').append(number(e.max())).append('\n');
        }
        return sb.toString();
    }

    /**
     * The recorded {@link Scalars} in long ("tidy") form, one row per point: {@code scalar,env_step,value}
     * (pandas: {@code df.pivot_table(index="env_step", columns="scalar", values="value")}).
     */
    public static String scalars(MetricsHistory.Data h) {
        StringBuilder sb = new StringBuilder("scalar,env_step,value\n");
        h.scalars().series().forEach((name, s) -> {
            for (int i = 0; i < s.size(); i++) {
                sb.append(name).append(',').append(s.envStepAt(i)).append(',').append(number(s.valueAt(i))).append('\n');
            }
        });
        return sb.toString();
    }

    /** One row per tutorial training step, with its timings. */
    public static String trainingSteps(MetricsHistory.Data h) {
        StringBuilder sb = new StringBuilder("step,reward,epsilon,loss,new_transitions,collect_env_steps,"
                + "eval_env_steps,gradient_steps,collect_s,update_s,eval_s\n");
        for (TrainingStepResult r : h.trainingSteps()) {
            sb.append(r.step()).append(',').append(number(r.reward())).append(',').append(number(r.epsilon()))
                    .append(',').append(number(r.loss())).append(',').append(r.newTransitions()).append(',')
                    .append(r.collectEnvSteps()).append(',').append(r.evalEnvSteps()).append(',')
                    .append(r.gradientSteps()).append(',').append(number(r.collectSeconds())).append(',')
                    .append(number(r.updateSeconds())).append(',').append(number(r.evalSeconds())).append('\n');
        }
        return sb.toString();
    }

    private static String number(double d) {
        if (Double.isNaN(d)) {
            return "";
        }
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString((long) d);
        }
        return String.format(Locale.ROOT, "%.6g", d).replaceAll("0+$", "").replaceAll("\\.$", "");
    }
}
