// The MRO graph: a class's inheritance DAG (from inspect.h class_graph()) laid out by Graphviz
// dot, bases above their subclasses and left to right in declared order, arrows from subclass
// to base. Nodes carry the C3 index of the class in the focus class's MRO, builtin classes are
// muted, a metaclass hangs off a dashed "metaclass" edge, and the class that supplies the
// selected attribute is drawn with the accent colour. The same scene draws on screen and onto
// any QPainter (scene->render) for export.
#pragma once

#include "inspect.h"

#include <QGraphicsItem>
#include <QGraphicsScene>
#include <QGraphicsView>
#include <QPainterPath>

#include <vector>

namespace ds {

// One class box: [C3 badge] name.
class ClassNodeItem : public QGraphicsItem {
  public:
    enum { Type = UserType + 301 };

    ClassNodeItem(const ClassNode& node, QSizeF size);

    QString name() const { return name_; }
    int mro_index() const { return mro_index_; } // -1 when not in the focus class's MRO
    bool is_builtin() const { return builtin_; }
    bool is_metaclass() const { return metaclass_; }
    bool is_focus() const { return mro_index_ == 0; }
    bool is_highlighted() const { return highlighted_; }
    void set_highlighted(bool on);
    QRectF box() const { return box_; } // the node's rectangle in item coordinates

    int type() const override { return Type; }
    QRectF boundingRect() const override;
    QPainterPath shape() const override;
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

    // Size of a node showing `node`, from the theme fonts.
    static QSizeF measure(const ClassNode& node);

  protected:
    void hoverEnterEvent(QGraphicsSceneHoverEvent* event) override;
    void hoverLeaveEvent(QGraphicsSceneHoverEvent* event) override;

  private:
    QString name_;
    int mro_index_;
    bool builtin_, metaclass_;
    bool highlighted_ = false, hovered_ = false;
    QRectF box_;
};

// An inheritance edge (subclass -> base, solid, filled arrowhead) or a metaclass edge (class ->
// metaclass, dashed, open arrowhead, labelled "metaclass"), drawn along Graphviz's spline.
class ClassEdgeItem : public QGraphicsItem {
  public:
    enum { Type = UserType + 302 };

    ClassEdgeItem(QString from, QString to, bool metaclass, QPainterPath path, bool has_arrow,
                  QPointF arrow_tip, bool has_label, QPointF label_pos);

    QString from() const { return from_; } // the subclass (or the class of a metaclass edge)
    QString to() const { return to_; }     // the base (or the metaclass)
    bool is_metaclass() const { return metaclass_; }
    QPainterPath path() const { return path_; }

    int type() const override { return Type; }
    QRectF boundingRect() const override;
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

  private:
    QPolygonF arrow_head() const;
    QRectF label_rect() const;

    QString from_, to_;
    bool metaclass_;
    QPainterPath path_;
    bool has_arrow_;
    QPointF arrow_tip_;
    bool has_label_;
    QPointF label_pos_;
    QRectF bounds_;
};

class MroGraphScene : public QGraphicsScene {
    Q_OBJECT
  public:
    explicit MroGraphScene(QObject* parent = nullptr);

    // Lays out and shows `graph`. Showing the same graph again (after a statement, say) keeps
    // the layout and only updates the highlight.
    void show_graph(const ClassGraph& graph, const QString& highlight_class = {});
    void set_highlight(const QString& class_name); // empty: none
    void clear_graph();

    QString highlight() const { return highlight_; }
    QString focus_class() const; // the node numbered 0, or empty (whole-model mode)
    ClassNodeItem* node(const QString& name) const;
    const std::vector<ClassNodeItem*>& nodes() const { return nodes_; }
    const std::vector<ClassEdgeItem*>& edges() const { return edges_; }
    bool laid_out_by_graphviz() const { return graphviz_; }

  private:
    std::vector<ClassNodeItem*> nodes_;
    std::vector<ClassEdgeItem*> edges_;
    QString highlight_;
    QString key_; // what the current layout was made from
    bool graphviz_ = false;
};

class MroGraphView : public QGraphicsView {
    Q_OBJECT
  public:
    explicit MroGraphView(QWidget* parent = nullptr);

    MroGraphScene* graph_scene() const { return scene_; }
    void show_graph(const ClassGraph& graph, const QString& highlight_class = {});
    void set_highlight(const QString& class_name);
    double zoom_factor() const { return transform().m11(); }
    // Re-reads colours and line widths; new font sizes make the next show_graph() lay out anew.
    void apply_theme();

  public slots:
    void fit(); // the whole graph in view (a small one enlarged up to 150 %)
    void zoom_in();
    void zoom_out();
    void reset_zoom(); // 100 %

  signals:
    void classActivated(const QString& name);

  protected:
    void wheelEvent(QWheelEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;
    void mousePressEvent(QMouseEvent* event) override;
    void mouseReleaseEvent(QMouseEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

  private:
    void zoom_by(double factor, bool under_mouse);

    MroGraphScene* scene_;
    bool auto_fit_ = true; // until the user zooms, the graph is refitted on resize
    QPoint press_pos_;
    bool pressed_ = false;
};

} // namespace ds
