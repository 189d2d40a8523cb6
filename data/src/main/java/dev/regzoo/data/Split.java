package dev.regzoo.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * A seeded, stratified train/validation split of image indices: every class gives the same fraction of its images to
 * validation. The validation part drives early stopping; the test set stays for the final report.
 *
 * @param train      indices for training, ascending
 * @param validation indices for validation, ascending
 */
public record Split(int[] train, int[] validation) {

    /**
     * Splits images by their {@code labels}: {@code round(fraction × n_c)} images of each class {@code c} go to
     * validation, chosen by {@code seed}.
     *
     * @throws IllegalArgumentException if {@code fraction} is not in [0, 1)
     */
    public static Split stratified(int[] labels, double fraction, long seed) {
        if (!(fraction >= 0 && fraction < 1)) {
            throw new IllegalArgumentException("validation fraction must be in [0, 1), got " + fraction);
        }
        int classes = Arrays.stream(labels).max().orElse(-1) + 1;
        List<List<Integer>> byClass = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            byClass.add(new ArrayList<>());
        }
        for (int i = 0; i < labels.length; i++) {
            byClass.get(labels[i]).add(i);
        }
        Random random = new Random(seed);
        List<Integer> train = new ArrayList<>();
        List<Integer> validation = new ArrayList<>();
        for (List<Integer> members : byClass) {
            java.util.Collections.shuffle(members, random);
            int n = (int) Math.round(members.size() * fraction);
            validation.addAll(members.subList(0, n));
            train.addAll(members.subList(n, members.size()));
        }
        return new Split(sorted(train), sorted(validation));
    }

    private static int[] sorted(List<Integer> list) {
        return list.stream().mapToInt(Integer::intValue).sorted().toArray();
    }
}
