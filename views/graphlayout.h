// Layered graph layout by Graphviz `dot`, in-process (libgvc/libcgraph). The caller gives node
// sizes (from its own fonts) and edges; it gets back node centres and edge splines in a
// y-down coordinate system (Qt's), with the Graphviz y axis already flipped. Knows nothing of
// classes: the MRO graph (mrograph.h) decides what the nodes and edges mean.
#pragma once

#include <QPointF>
#include <QRectF>
#include <QSizeF>
#include <QString>

#include <string>
#include <utility>
#include <vector>

namespace ds {

// Extra Graphviz attributes of a node or edge, written only by write_dot (label, style...).
using DotAttributes = std::vector<std::pair<std::string, std::string>>;

struct LayoutNode {
    QSizeF size;          // scene units (1 unit = 1 Graphviz point)
    std::string dot_name; // write_dot only: the node's name ("n<index>" when empty)
    DotAttributes dot_attributes;
};

struct LayoutEdge {
    int tail = 0, head = 0; // node indexes; the arrow points at head
    bool constraint = true; // false: the edge does not influence ranking
    bool arrow = true;      // leave room for an arrowhead at the head end
    QString label;          // optional; Graphviz reserves room for it
    double label_font_pt = 10;
    DotAttributes dot_attributes; // write_dot only
};

struct LayoutOptions {
    // "BT": a tail is ranked below its head (arrows point up). Any of TB, BT, LR, RL.
    QString rankdir = QStringLiteral("BT");
    bool ordering_out = true; // keep each node's out-edges left to right in the order given
    double nodesep = 0.4;     // inches, as Graphviz takes them
    double ranksep = 0.55;
    std::vector<std::vector<int>> same_rank; // groups of nodes forced onto one rank
};

struct EdgeRoute {
    // A cubic Bezier chain: start, then (control, control, end) triples.
    std::vector<QPointF> points;
    bool has_arrow = false;
    QPointF arrow_tip; // where the arrowhead touches the head node
    bool has_label = false;
    QPointF label_pos; // centre of the label
};

struct GraphLayout {
    bool ok = false; // false: Graphviz was unavailable and the simple fallback was used
    QRectF bounds;   // of the whole drawing
    std::vector<QPointF> centres; // one per node, in input order
    std::vector<EdgeRoute> edges; // one per edge, in input order
};

// Lays the graph out with `dot`. Graphviz warnings are silenced. If Graphviz cannot lay out
// (no dot plugin), nodes are still placed by a simple layered fallback with straight edges.
GraphLayout layout_dot(const std::vector<LayoutNode>& nodes, const std::vector<LayoutEdge>& edges,
                       const LayoutOptions& options = {});

// The same graph as Graphviz source (DOT) instead of a layout: the same graph, node and edge
// attributes as layout_dot gives Graphviz, except the node sizes (they are measured in our
// fonts; a reader of the file sizes nodes to its own labels), plus each node's and edge's
// dot_attributes. What `dot` reads back and lays out as on screen.
std::string write_dot(const std::vector<LayoutNode>& nodes, const std::vector<LayoutEdge>& edges,
                      const LayoutOptions& options = {});

} // namespace ds
