package io.callsight.nlp.training;

import java.util.Locale;

/** What {@code train --model} trains; see {@link NluTraining#encoderFor} for what each becomes. */
public enum ModelKind {
    /** The encoder head, but the bag for Chinese sentiment or when the sentence encoder is not installed. */
    AUTO,
    /** A DJL-trained softmax head on the pretrained sentence encoder of the data's language. */
    ENCODER,
    /** The encoder head and a bag model voting, the bag's weight chosen on validation. */
    ENSEMBLE,
    /** The bag answers what it is sure of, the encoder model (head or ensemble) the rest. */
    CASCADE,
    /** The hashed n-gram embedding bag trained from scratch. */
    BAG;

    /** The kind named as on the command line ({@code encoder}, {@code bag}, ...). */
    public static ModelKind of(String name) {
        for (ModelKind k : values()) {
            if (k.cliName().equals(name)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown --model " + name + " (encoder, ensemble, cascade, bag or auto)");
    }

    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
