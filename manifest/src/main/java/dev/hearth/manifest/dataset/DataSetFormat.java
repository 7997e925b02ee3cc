package dev.hearth.manifest.dataset;

/** How a data set arrives: JSON lines as they stand, or JSON-lines files in an archive. */
public enum DataSetFormat {
    JSON_LINES,
    TAR_GZ,
    ZIP
}
