// The errors pane: the load errors of a model, one row each: the message in normal text and
// its place (file:line:column, JSON pointer, code position) in muted text below it. Double-click
// or Enter on a row asks the window to show that place in the editor.
#pragma once

#include "modelerror.h"

#include <QListWidget>

#include <vector>

namespace ds {

class ErrorList : public QListWidget {
    Q_OBJECT
  public:
    // Item data roles (besides Qt::DisplayRole = the message, Qt::ToolTipRole = format()).
    enum Role { LineRole = Qt::UserRole + 1, ColumnRole, PlaceRole };

    explicit ErrorList(QWidget* parent = nullptr);

    void show_errors(const std::vector<ModelError>& errors);
    void clear();
    int error_count() const { return count(); }

    // Shown when there are no errors ("No errors" by default).
    void set_placeholder(const QString& text);
    QString placeholder() const { return placeholder_; }

    // Re-reads fonts and colours from the theme (after a zoom change).
    void apply_theme();

    // The place of one error as shown in the muted line: "file.json:16:21 · /pointer · code
    // line 1, column 5" (the file's name without its folder).
    static QString place_text(const ModelError& error);

  signals:
    void errorActivated(int line, int column);

  protected:
    void paintEvent(QPaintEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;

  private:
    void activate(QListWidgetItem* item);

    QString placeholder_;
};

} // namespace ds
