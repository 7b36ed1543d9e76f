// Syntax colours for a model file in the editor: keys, strings, numbers, true/false/null and
// punctuation, in theme colours. Code strings (the values of "source", "get", "set", "delete",
// "expr", "new" and the entries of "script") are shown in the code colour, with their escapes
// (\n, \") dimmed so the Python reads as Python. JSON strings cannot span lines, so one line is
// tokenized at a time; the only state carried between lines is "inside the script array".
#pragma once

#include <QSyntaxHighlighter>
#include <QTextCharFormat>

namespace ds {

class JsonHighlighter : public QSyntaxHighlighter {
    Q_OBJECT
  public:
    explicit JsonHighlighter(QTextDocument* document);

    // Re-reads the theme (after a zoom or presentation-mode change) and re-highlights.
    void apply_theme();

    // The kind a format produced by this highlighter stands for (tests read the block layout's
    // formats): "key", "string", "code", "escape", "number", "literal", "punctuation", or ""
    // for a format that is not one of ours.
    static QString token_kind(const QTextFormat& format);

  protected:
    void highlightBlock(const QString& text) override;

  private:
    void build_formats();

    QTextCharFormat key_, string_, code_, escape_, number_, literal_, punctuation_;
};

} // namespace ds
