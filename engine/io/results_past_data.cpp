// The /growth_past_data group: how many parcels went past the data of their growth curve (the
// last age of a yield table) and by how many years, counted from the inputs
// (growth/past_data.hpp), with the rule the curves follow there (docs/results-format.md).
#include <cstdint>
#include <numeric>

#include "hdf5_util.hpp"
#include "results_groups.hpp"

namespace shinrin::io {

void write_past_data(hid_t root, const growth::PastData& past) {
  h5::Id g(create_tracked_group(root, "growth_past_data"), H5Gclose);
  h5::attr_string(g, "description",
                  "parcels whose stand age goes past the last age their growth curve rests on "
                  "data (the last row of a yield table), and by how many years");
  h5::attr_string(g, "growth_model", past.growth_model);
  h5::attr_string(g, "rule", past.rule);
  h5::attr_string(g, "counted_on",
                  "initial age + simulated years, as if no stand were felled (an upper bound for "
                  "managed runs); stands replanted during the run are not counted");
  const int years[1] = {past.years};
  h5::attr_int(g, "years", years);

  auto int64 = [&](const char* name, std::int64_t v, const char* units, const std::string& ln) {
    h5::Id ds = h5::write_scalar(g, name, H5T_STD_I64LE, H5T_NATIVE_INT64, &v);
    h5::attr_cf(ds, units, ln);
  };
  auto f64 = [&](const char* name, double v, const char* units, const std::string& ln) {
    h5::Id ds = h5::write_scalar(g, name, H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, &v);
    h5::attr_cf(ds, units, ln);
  };
  int64("parcels", past.parcels, "1",
        "parcels whose age at the end of the run (initial age + years) is past their curve's data");
  f64("hectares", past.hectares, "ha", "area of those parcels");
  int64("parcels_at_start", past.parcels_at_start, "1",
        "parcels already past their curve's data in the initial state");
  f64("hectares_at_start", past.hectares_at_start, "ha", "area of those parcels");
  f64("max_years", past.max_years, "year",
      "largest number of years a parcel's end age is past its curve's data");
  int64("years_grown", past.years_grown, "year",
        "parcel-years of growth read from a continuation past the data (sum over parcels of the "
        "simulated years whose growth ends past the data)");

  {
    std::vector<std::string> labels;
    std::vector<double> upper;
    for (std::size_t b = 0; b < growth::kPastDataBins; ++b) {
      labels.emplace_back(growth::past_data_bin_label(b));
      upper.push_back(growth::kPastDataBinUpper[b]);
    }
    h5::Id dim = h5::write_strings(g, "years_past_class", labels);
    h5::attr_cf(dim, "1", "class of years past the data at the end of the run");
    h5::make_scale(dim, "years_past_class");
    h5::Id n = h5::write_1d(g, "class_parcels", H5T_STD_I64LE, H5T_NATIVE_INT64,
                            past.bin_parcels.data(), past.bin_parcels.size());
    h5::attr_cf(n, "1", "parcels per class of years past the data");
    h5::attach(n, dim, 0);
    h5::Id ha = h5::write_1d(g, "class_hectares", H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE,
                             past.bin_hectares.data(), past.bin_hectares.size());
    h5::attr_cf(ha, "ha", "area per class of years past the data");
    h5::attach(ha, dim, 0);
  }

  const std::size_t n = past.curves.size();
  std::vector<int> idx(n), site(n);
  std::iota(idx.begin(), idx.end(), 0);
  std::vector<std::int8_t> fallback(n);
  std::vector<std::int64_t> parcels(n), grown(n);
  std::vector<double> last(n), hectares(n), max_years(n);
  std::vector<std::string> species(n), continuation(n);
  for (std::size_t c = 0; c < n; ++c) {
    const growth::CurvePastData& cp = past.curves[c];
    site[c] = cp.site_class;
    fallback[c] = cp.fallback ? 1 : 0;
    parcels[c] = cp.parcels;
    grown[c] = cp.years_grown;
    last[c] = cp.last_age;
    hectares[c] = cp.hectares;
    max_years[c] = cp.max_years;
    species[c] = cp.species;
    continuation[c] = cp.continuation;
  }
  h5::Id dim = h5::write_1d(g, "curve", H5T_STD_I32LE, H5T_NATIVE_INT, idx.data(), n);
  h5::attr_cf(dim, "1", "growth curve (species, site class) of the run");
  h5::make_scale(dim, "curve");
  auto column = [&](h5::Id ds, const char* units, const std::string& ln) {
    h5::attr_cf(ds, units, ln);
    h5::attach(ds, dim, 0);
  };
  column(h5::write_strings(g, "curve_species", species), "1", "species code of the curve");
  column(h5::write_1d(g, "curve_site_class", H5T_STD_I32LE, H5T_NATIVE_INT, site.data(), n), "1",
         "register site class of the curve");
  column(h5::write_1d(g, "curve_last_age", H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, last.data(), n),
         "year", "last age the curve rests on data (inf: no data range, never past)");
  column(h5::write_strings(g, "curve_continuation", continuation), "1",
         "how the curve goes on past its data");
  column(h5::write_1d(g, "curve_fallback", H5T_STD_I8LE, H5T_NATIVE_INT8, fallback.data(), n), "1",
         "1 where the model's rule could not be applied and its fallback was (flat)");
  column(h5::write_1d(g, "curve_parcels", H5T_STD_I64LE, H5T_NATIVE_INT64, parcels.data(), n), "1",
         "parcels on the curve at the start whose end age is past its data");
  column(h5::write_1d(g, "curve_hectares", H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, hectares.data(), n),
         "ha", "area of those parcels");
  column(h5::write_1d(g, "curve_max_years", H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, max_years.data(), n),
         "year", "largest number of years past the curve's data");
  column(h5::write_1d(g, "curve_years_grown", H5T_STD_I64LE, H5T_NATIVE_INT64, grown.data(), n),
         "year", "parcel-years of growth read past the curve's data");
}

bool read_past_data(hid_t root, growth::PastData& past) {
  if (!h5::exists(root, "growth_past_data")) return false;
  h5::Id g = h5::checked(H5Gopen2(root, "growth_past_data", H5P_DEFAULT), H5Gclose,
                         "open group growth_past_data");
  growth::PastData p;
  p.growth_model = h5::read_attr_string(g, "growth_model");
  p.rule = h5::read_attr_string(g, "rule");
  p.years = h5::read_attr_ints(g, "years").at(0);
  p.parcels = h5::read_int64s(g, "parcels").at(0);
  p.hectares = h5::read_doubles(g, "hectares").at(0);
  p.parcels_at_start = h5::read_int64s(g, "parcels_at_start").at(0);
  p.hectares_at_start = h5::read_doubles(g, "hectares_at_start").at(0);
  p.max_years = h5::read_doubles(g, "max_years").at(0);
  p.years_grown = h5::read_int64s(g, "years_grown").at(0);
  const auto bin_parcels = h5::read_int64s(g, "class_parcels");
  const auto bin_hectares = h5::read_doubles(g, "class_hectares");
  for (std::size_t b = 0; b < growth::kPastDataBins && b < bin_parcels.size(); ++b) {
    p.bin_parcels[b] = bin_parcels[b];
    p.bin_hectares[b] = bin_hectares.at(b);
  }
  const auto species = h5::read_strings(g, "curve_species");
  const auto site = h5::read_ints(g, "curve_site_class");
  const auto last = h5::read_doubles(g, "curve_last_age");
  const auto continuation = h5::read_strings(g, "curve_continuation");
  const auto fallback = h5::read_ints(g, "curve_fallback");
  const auto parcels = h5::read_int64s(g, "curve_parcels");
  const auto hectares = h5::read_doubles(g, "curve_hectares");
  const auto max_years = h5::read_doubles(g, "curve_max_years");
  const auto grown = h5::read_int64s(g, "curve_years_grown");
  for (std::size_t c = 0; c < species.size(); ++c) {
    p.curves.push_back({species[c], site.at(c), last.at(c), continuation.at(c), fallback.at(c) != 0,
                        parcels.at(c), hectares.at(c), max_years.at(c), grown.at(c)});
  }
  past = std::move(p);
  return true;
}

}  // namespace shinrin::io
