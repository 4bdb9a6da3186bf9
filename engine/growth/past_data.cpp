#include "shinrin/growth/past_data.hpp"

#include <algorithm>
#include <cmath>

#include "shinrin/core/error.hpp"

namespace shinrin::growth {

std::string_view past_data_bin_label(std::size_t b) {
  static constexpr std::string_view kLabels[kPastDataBins] = {"(0, 5]", "(5, 10]", "(10, 20]",
                                                              "(20, 50]", "> 50"};
  return kLabels[b];
}

PastData count_past_data(std::span<const std::int16_t> age, std::span<const std::uint32_t> curve,
                         std::span<const double> area_ha, std::span<const double> last_age,
                         int years) {
  if (curve.size() != age.size() || area_ha.size() != age.size())
    throw Error("count_past_data: age, curve and area differ in length");
  if (years < 0) throw Error("count_past_data: years must be >= 0");
  PastData out;
  out.years = years;
  out.curves.resize(last_age.size());
  for (std::size_t c = 0; c < last_age.size(); ++c) out.curves[c].last_age = last_age[c];
  for (std::size_t i = 0; i < age.size(); ++i) {
    if (curve[i] >= last_age.size()) throw Error("count_past_data: curve index out of range");
    const double L = last_age[curve[i]];
    const double past = double(age[i]) + years - L;  // p_i before max(0, .); -inf when L = +inf
    if (!(past > 0.0)) continue;
    const std::int64_t grown = std::min<std::int64_t>(years, std::int64_t(std::ceil(past)));
    const double ha = area_ha[i];
    ++out.parcels;
    out.hectares += ha;
    if (double(age[i]) > L) {
      ++out.parcels_at_start;
      out.hectares_at_start += ha;
    }
    out.max_years = std::max(out.max_years, past);
    out.years_grown += grown;
    std::size_t b = 0;
    while (b + 1 < kPastDataBins && past > kPastDataBinUpper[b]) ++b;
    ++out.bin_parcels[b];
    out.bin_hectares[b] += ha;
    CurvePastData& cp = out.curves[curve[i]];
    ++cp.parcels;
    cp.hectares += ha;
    cp.max_years = std::max(cp.max_years, past);
    cp.years_grown += grown;
  }
  return out;
}

}  // namespace shinrin::growth
