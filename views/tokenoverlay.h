// The value token: during a replay of hidden I/O (ioreplay.h) a small card with the value
// travels between two panes of the window, from the store to the object on a read and from
// the object to the store on a write. The overlay covers its parent, lets every mouse event
// through and paints only the token; the replay's timeline moves it (set_token with t), so a
// paused replay or a screenshot shows it exactly where the timeline is.
#pragma once

#include <QColor>
#include <QPointF>
#include <QString>
#include <QWidget>

#include <optional>

namespace ds {

class TokenOverlay : public QWidget {
    Q_OBJECT
  public:
    struct Token {
        QPointF from, to; // in the overlay's (its parent's) coordinates
        QString text;     // the value, elided when long
        QColor colour;    // the border and trail: the theme's hit, muted or error colour
        double t = 0;     // 0 at from .. 1 at to
    };

    explicit TokenOverlay(QWidget* parent);

    void set_token(const Token& token);
    void clear_token();
    std::optional<Token> token() const { return token_; }
    QPointF position() const; // the token's centre now (tests)

  protected:
    void paintEvent(QPaintEvent* event) override;
    bool eventFilter(QObject* watched, QEvent* event) override; // follows the parent's size

  private:
    std::optional<Token> token_;
};

} // namespace ds
