package dev.regzoo.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.evaluation.classification.Evaluation;

/**
 * The best model's results on the test set.
 *
 * @param accuracy        test accuracy in [0, 1]
 * @param images          test images
 * @param classes         class names
 * @param precision       per class
 * @param recall          per class
 * @param f1              per class
 * @param confusionMatrix counts, [actual][predicted]
 */
public record TestReport(double accuracy, int images, List<String> classes, double[] precision, double[] recall,
                         double[] f1, int[][] confusionMatrix) {

    /** The report of a test-set evaluation. */
    public static TestReport of(Evaluation eval, List<String> classes) {
        int n = classes.size();
        double[] precision = new double[n];
        double[] recall = new double[n];
        double[] f1 = new double[n];
        int[][] confusion = new int[n][n];
        for (int c = 0; c < n; c++) {
            precision[c] = eval.precision(c);
            recall[c] = eval.recall(c);
            f1[c] = eval.f1(c);
            for (int p = 0; p < n; p++) {
                confusion[c][p] = eval.getConfusionMatrix().getCount(c, p);
            }
        }
        return new TestReport(eval.accuracy(), eval.getNumRowCounter(), List.copyOf(classes), precision, recall, f1,
                confusion);
    }

    /** Per-class rows for JSON. */
    List<Map<String, Object>> perClass() {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int c = 0; c < classes.size(); c++) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("class", classes.get(c));
            row.put("precision", precision[c]);
            row.put("recall", recall[c]);
            row.put("f1", f1[c]);
            row.put("support", java.util.Arrays.stream(confusionMatrix[c]).sum());
            rows.add(row);
        }
        return rows;
    }
}
