// The window's exports: File > Export current view… (SVG, PNG at 1x/2x/4x, PDF, and for the
// MRO graph DOT and Mermaid), File > Export lesson handout… (PDF), Edit > Copy as image (PNG
// and SVG on the clipboard). "Current" is the view the user last clicked or focused (the MRO
// graph until then). The files come from views/exporter.h, as on the command line.
#pragma once

#include "exporter.h"

#include <QString>

class QMenu;
class QWidget;

namespace ds {

class MainWindow;

// Adds the actions to the window's menus (object names exportView, exportHandout,
// copyImage, for tests and shortcuts).
void add_export_actions(MainWindow& window, QMenu& file_menu, QMenu& edit_menu);

// The view the export actions draw: one of the window's picture views.
QWidget* current_export_view(MainWindow& window);

// What the dialog does once a file is chosen; false (and error) when it cannot be written.
bool export_current_view(MainWindow& window, const QString& path, ExportFormat format, double scale,
                         QString* error);
// The lesson handout of the window's model file (its script run from the start).
bool export_handout(MainWindow& window, const QString& path, QString* error);
// Edit > Copy as image.
void copy_current_view(MainWindow& window);

} // namespace ds
