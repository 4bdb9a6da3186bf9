#pragma once
//! How far the stands of a run go past the data of their growth curves, counted from the inputs
//! alone (no work in the yearly kernel):
//!
//!   end age           e_i = a_i + Y                       [years]
//!   years past        p_i = max(0, e_i - L_c)              [years]
//!   years grown past  g_i = min(Y, ceil(p_i))              [years]
//!
//! a_i is the parcel's age in the initial state, Y the simulated years, c the parcel's growth
//! curve and L_c the last age that curve rests on data (GrowthModel::data_range: the last row of a
//! yield table; +inf for a Richards curve, which is never past). g_i counts the simulated years
//! k = 1..Y whose growth, from age a_i + k - 1 to a_i + k, ends past L_c, i.e. is read from the
//! continuation. A parcel is past its data when p_i > 0, and past at the start when a_i > L_c (its
//! initial volume then comes from the continuation too, unless the register gives it).
//!
//! These are the ages the stands reach if not felled: a stand that a regime, the plan or an event
//! fells first goes less far, so under management the counts are an upper bound. Stands
//! replanted during the run are not counted (they reach at most age Y - 1).

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace shinrin::growth {

//! Classes of years past (p_i) in the distribution: (0, 5], (5, 10], (10, 20], (20, 50], > 50.
inline constexpr std::size_t kPastDataBins = 5;
inline constexpr std::array<double, kPastDataBins> kPastDataBinUpper = {5, 10, 20, 50, 1e300};
//! Label of bin `b`, e.g. "(5, 10]".
std::string_view past_data_bin_label(std::size_t b);

//! The parcels of one curve.
struct CurvePastData {
  std::string species;           //!< species code
  int site_class = 0;            //!< register site class (地位)
  double last_age = 0;           //!< L_c [years]; +inf: no data range (never past)
  std::string continuation;      //!< the rule past L_c (GrowthModel::data_range)
  bool fallback = false;         //!< the model's rule could not be applied (e.g. flat)
  std::int64_t parcels = 0;      //!< parcels on this curve at the start with p_i > 0
  double hectares = 0.0;         //!< their area [ha]
  double max_years = 0.0;        //!< max p_i [years]
  std::int64_t years_grown = 0;  //!< sum of g_i [years]
};

struct PastData {
  std::string growth_model;           //!< registered name
  std::string rule;                   //!< how the model's curves go on past their data
  int years = 0;                      //!< Y [years]
  std::int64_t parcels = 0;           //!< parcels with p_i > 0
  double hectares = 0.0;              //!< their area [ha]
  std::int64_t parcels_at_start = 0;  //!< parcels with a_i > L_c
  double hectares_at_start = 0.0;     //!< their area [ha]
  double max_years = 0.0;             //!< max p_i [years]
  std::int64_t years_grown = 0;       //!< sum of g_i: parcel-years of growth on a continuation
  std::array<std::int64_t, kPastDataBins> bin_parcels{};  //!< parcels per class of p_i
  std::array<double, kPastDataBins> bin_hectares{};       //!< their area [ha]
  std::vector<CurvePastData> curves;                      //!< per curve, in curve order
};

//! Counts from the initial state: per row its initial `age` [years], `curve` and `area_ha` [ha];
//! `last_age` [years] per curve (L_c; +inf = never past) and `years` simulated (Y). Fills the
//! numbers of PastData and, per curve, last_age and the counts (names and rules are the caller's).
PastData count_past_data(std::span<const std::int16_t> age, std::span<const std::uint32_t> curve,
                         std::span<const double> area_ha, std::span<const double> last_age,
                         int years);

}  // namespace shinrin::growth
