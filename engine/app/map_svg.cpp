#include "map_svg.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <vector>

namespace shinrin::app {
namespace {

using Point = std::array<long long, 2>;

//! Distance [m] of `p` from the line through `a` and `b` (from `a` when they coincide).
double off_line(const Point& a, const Point& b, const Point& p) {
  const double dx = static_cast<double>(b[0] - a[0]), dy = static_cast<double>(b[1] - a[1]);
  const double px = static_cast<double>(p[0] - a[0]), py = static_cast<double>(p[1] - a[1]);
  const double len = std::hypot(dx, dy);
  if (len == 0.0) return std::hypot(px, py);
  return std::fabs(dx * py - dy * px) / len;
}

//! The ring rounded to whole metres, without repeated points and points within `tolerance` of
//! the line between their kept neighbours. Fewer than 3 points: the ring is too small to draw
//! simplified, and the rounded ring without the line test is returned.
std::vector<Point> simplify(const std::vector<Point>& rounded, double tolerance) {
  std::vector<Point> distinct;
  for (const Point& p : rounded)
    if (distinct.empty() || p != distinct.back()) distinct.push_back(p);
  while (distinct.size() > 1 && distinct.front() == distinct.back()) distinct.pop_back();
  if (distinct.size() <= 3) return distinct;
  std::vector<Point> kept{distinct.front()};
  for (std::size_t i = 1; i < distinct.size(); ++i) {
    const Point& next = i + 1 < distinct.size() ? distinct[i + 1] : distinct.front();
    if (off_line(kept.back(), next, distinct[i]) >= tolerance) kept.push_back(distinct[i]);
  }
  return kept.size() >= 3 ? kept : distinct;
}

void append_number(std::string& out, long long v) {
  if (v >= 0 && !out.empty() && out.back() != ' ' && out.back() != 'M' && out.back() != 'l')
    out += ' ';
  out += std::to_string(v);
}

}  // namespace

MapSvg map_svg(std::span<const io::ParcelOutline> outlines, double tolerance) {
  double x0 = INFINITY, x1 = -INFINITY, y0 = INFINITY, y1 = -INFINITY;
  for (const auto& o : outlines)
    for (const auto& ring : o.rings)
      for (const auto& p : ring) {
        x0 = std::min(x0, p[0]);
        x1 = std::max(x1, p[0]);
        y0 = std::min(y0, p[1]);
        y1 = std::max(y1, p[1]);
      }
  MapSvg m;
  if (!(x0 <= x1)) {
    m.missing = outlines.size();
    return m;
  }
  const double left = std::floor(x0), top = std::ceil(y1);
  const long long width = std::max(1LL, std::llround(std::ceil(x1) - left));
  const long long height = std::max(1LL, std::llround(top - std::floor(y0)));
  m.svg = "<svg id=\"map-svg\" viewBox=\"0 0 " + std::to_string(width) + " " +
          std::to_string(height) + "\" fill-rule=\"evenodd\" role=\"img\">\n";
  std::string d;
  for (std::size_t row = 0; row < outlines.size(); ++row) {
    d.clear();
    for (const auto& ring : outlines[row].rings) {
      std::vector<Point> rounded;
      rounded.reserve(ring.size());
      for (const auto& p : ring)
        rounded.push_back({std::llround(p[0] - left), std::llround(top - p[1])});
      const std::vector<Point> pts = simplify(rounded, tolerance);
      if (pts.empty()) continue;
      d += "M";
      append_number(d, pts[0][0]);
      append_number(d, pts[0][1]);
      if (pts.size() > 1) d += "l";
      for (std::size_t i = 1; i < pts.size(); ++i) {
        append_number(d, pts[i][0] - pts[i - 1][0]);
        append_number(d, pts[i][1] - pts[i - 1][1]);
      }
      d += "z";
      m.points += pts.size();
    }
    if (d.empty()) {
      ++m.missing;
      continue;
    }
    m.svg += "<path data-p=\"" + std::to_string(row) + "\" d=\"" + d + "\"/>\n";
    ++m.paths;
  }
  m.svg += "</svg>";
  return m;
}

}  // namespace shinrin::app
