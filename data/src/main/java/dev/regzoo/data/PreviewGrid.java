package dev.regzoo.data;

import dev.regzoo.data.augment.AugmentationSpec;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A picture of what augmentation does: one column per sample image (with its class name), the original in the first
 * row and augmented versions (successive epochs) below it.
 */
public final class PreviewGrid {

    private static final int LABEL_HEIGHT = 16;
    private static final int GAP = 4;

    private PreviewGrid() {
    }

    /**
     * Renders {@code indices} of {@code source}: the original row, then {@code augmentedRows} rows of augmented
     * versions, each image scaled to about 84 pixels.
     */
    public static BufferedImage render(ImageSource source, int[] indices, AugmentationSpec augmentation,
                                       int augmentedRows, long seed) {
        int h = source.shape().height();
        int w = source.shape().width();
        int zoom = Math.max(1, 84 / Math.max(h, w));
        int cellW = w * zoom + GAP;
        int cellH = h * zoom + GAP;
        BufferedImage grid = new BufferedImage(indices.length * cellW + GAP,
                LABEL_HEIGHT + (1 + augmentedRows) * cellH + GAP, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = grid.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, grid.getWidth(), grid.getHeight());
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        for (int col = 0; col < indices.length; col++) {
            g.drawString(source.classNames().get(source.label(indices[col])), GAP + col * cellW, LABEL_HEIGHT - 4);
        }
        try (ImageBatchIterator original = ImageBatchIterator.builder(source).indices(indices)
                .batchSize(indices.length).build();
             ImageBatchIterator augmented = ImageBatchIterator.builder(source).indices(indices)
                     .batchSize(indices.length).augmentation(augmentation).seed(seed).build()) {
            draw(grid, original.next().getFeatures(), 0, zoom, cellW, cellH);
            for (int row = 1; row <= augmentedRows; row++) {
                draw(grid, augmented.next().getFeatures(), row, zoom, cellW, cellH);
                augmented.reset();
            }
        }
        g.dispose();
        return grid;
    }

    private static void draw(BufferedImage grid, INDArray batch, int row, int zoom, int cellW, int cellH) {
        int channels = (int) batch.size(1);
        int h = (int) batch.size(2);
        int w = (int) batch.size(3);
        for (int n = 0; n < batch.size(0); n++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int rgb = channels == 1 ? grey(batch.getDouble(n, 0, y, x))
                            : rgb(batch.getDouble(n, 2, y, x), batch.getDouble(n, 1, y, x), batch.getDouble(n, 0, y, x));
                    for (int dy = 0; dy < zoom; dy++) {
                        for (int dx = 0; dx < zoom; dx++) {
                            grid.setRGB(GAP + n * cellW + x * zoom + dx, LABEL_HEIGHT + row * cellH + y * zoom + dy,
                                    rgb);
                        }
                    }
                }
            }
        }
    }

    private static int grey(double v) {
        return rgb(v, v, v);
    }

    /** Channels are BGR (OpenCV order); this takes them as red, green, blue. */
    private static int rgb(double r, double g, double b) {
        return (clamp(r) << 16) | (clamp(g) << 8) | clamp(b);
    }

    private static int clamp(double v) {
        return (int) Math.max(0, Math.min(255, Math.round(v)));
    }
}
