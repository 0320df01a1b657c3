// Package plots draws spinfer's evaluation figures as PNG files with
// gonum/plot: scatter plots of inferred against true couplings and of
// model against data correlations ([Scatter]), training curves ([Lines]),
// overlaid histograms such as the magnetisation distributions of data and
// samples ([Histograms]) and point clouds such as projections on principal
// components ([Projection]).
//
// Every figure is Width×Height (5×4 in) at DPI (150 dots per inch), that is
// 750×600 pixels, with sans-serif text, a light grid, colour-blind-safe
// colours (Okabe–Ito) and a legend when there is more than one thing to
// name. Inputs are plain slices; non-finite values are reported as errors
// rather than dropped. Files are written atomically (a temporary file in
// the same directory renamed into place) and replace an existing file.
//
// The statistics drawn are defined in package analysis; the figures follow
// the checks of Decelle, Furtlehner, Seoane, NeurIPS 2021 and Decelle,
// Furtlehner, Navas Gómez, Seoane, SciPost Phys. 16, 095 (2024).
package plots
