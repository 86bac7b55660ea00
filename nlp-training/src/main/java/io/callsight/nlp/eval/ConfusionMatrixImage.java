package io.callsight.nlp.eval;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/** Renders a row-normalized confusion matrix to PNG with Java2D (gold rows, predicted columns, oos last). */
public final class ConfusionMatrixImage {
    private ConfusionMatrixImage() {}

    public static void write(Metrics m, Path png) throws IOException {
        System.setProperty("java.awt.headless", "true");
        int[][] cm = m.confusion();
        List<String> names = new ArrayList<>(m.labels());
        names.add("oos");
        int k = m.hasOutOfScope() ? cm.length : cm.length - 1;
        int cell = Math.max(4, Math.min(28, 1000 / Math.max(1, k)));
        boolean text = cell >= 10;
        int margin = text ? 160 : 40;
        int size = margin + k * cell + 20;
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, size, size);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, Math.max(8, Math.min(12, cell - 2))));
        for (int r = 0; r < k; r++) {
            int total = 0;
            for (int c = 0; c < k; c++) {
                total += cm[r][c];
            }
            for (int c = 0; c < k; c++) {
                double f = total == 0 ? 0 : (double) cm[r][c] / total;
                int shade = (int) Math.round(255 * (1 - f));
                g.setColor(r == c ? new Color(shade, shade, 255) : new Color(255, shade, shade));
                g.fillRect(margin + c * cell, margin + r * cell, cell, cell);
            }
            if (text) {
                g.setColor(Color.BLACK);
                String n = shorten(names.get(r));
                g.drawString(n, margin - 4 - g.getFontMetrics().stringWidth(n), margin + r * cell + cell - 2);
            }
        }
        if (text) {
            for (int c = 0; c < k; c++) {
                Graphics2D gr = (Graphics2D) g.create();
                gr.setColor(Color.BLACK);
                gr.translate(margin + c * cell + cell - 2, margin - 4);
                gr.rotate(-Math.PI / 2);
                gr.drawString(shorten(names.get(c)), 0, 0);
                gr.dispose();
            }
        }
        g.setColor(Color.GRAY);
        g.drawRect(margin, margin, k * cell, k * cell);
        g.setColor(Color.BLACK);
        g.drawString("gold ↓  predicted →  (row-normalized)", 4, 14);
        g.dispose();
        ImageIO.write(img, "png", png.toFile());
    }

    private static String shorten(String s) {
        return s.length() > 22 ? s.substring(0, 21) + "…" : s;
    }
}
