package dev.regzoo.train;

/**
 * What one epoch did (epochs count from 1).
 *
 * @param epoch              epoch number, from 1
 * @param trainLoss          mean minibatch loss over the epoch (with regularization penalties, as DL4J reports it)
 * @param valLoss            validation loss
 * @param valAccuracy        validation accuracy in [0, 1]
 * @param learningRate       learning rate at the end of the epoch
 * @param seconds            wall time of the epoch's training
 * @param imagesPerSecond    training throughput
 */
public record EpochRecord(int epoch, double trainLoss, double valLoss, double valAccuracy, double learningRate,
                          double seconds, double imagesPerSecond) {

    /** The progress line printed after the epoch. */
    public String line() {
        return String.format("epoch %3d  train loss %.4f  val loss %.4f  val acc %.4f  lr %.5f  %.1f s  %.0f img/s",
                epoch, trainLoss, valLoss, valAccuracy, learningRate, seconds, imagesPerSecond);
    }
}
