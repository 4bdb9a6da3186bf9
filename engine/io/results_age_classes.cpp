// The age-class aggregates (齢級, format 3.1): area, stem volume and live-biomass carbon of the
// stands in each 5-year age class at the end of every fiscal year (docs/results-format.md).
#include <string>
#include <vector>

#include "hdf5_util.hpp"
#include "results_groups.hpp"

namespace shinrin::io {

void write_age_classes(hid_t root, hid_t year, const sim::GroupSeries& by_age_class) {
  const std::size_t classes = sim::kAgeClassCount, times = by_age_class.times();
  std::vector<int> number, first, last;
  for (std::size_t k = 0; k < classes; ++k) {
    number.push_back(int(k) + 1);
    first.push_back(sim::age_class_first_age(k));
    last.push_back(sim::age_class_last_age(k));
  }
  h5::Id dim =
      h5::write_1d(root, "age_class", H5T_STD_I32LE, H5T_NATIVE_INT, number.data(), classes);
  h5::attr_cf(dim, "1",
              "age class (齢級): class k holds stand ages 5k-4 to 5k years (age 0 in class 1); the "
              "last class holds every age above 5 x (its number - 1)");
  h5::make_scale(dim, "age_class");
  h5::Id lo = h5::write_1d(root, "age_class_first_age", H5T_STD_I32LE, H5T_NATIVE_INT, first.data(),
                           classes);
  h5::attr_cf(lo, "year", "first stand age of the age class");
  h5::attach(lo, dim, 0);
  h5::Id hi =
      h5::write_1d(root, "age_class_last_age", H5T_STD_I32LE, H5T_NATIVE_INT, last.data(), classes);
  h5::attr_cf(hi, "year", "last stand age of the age class; -1: no upper bound (the last class)");
  h5::attach(hi, dim, 0);

  for (std::size_t v = 0; v < sim::kAgeClassVarCount; ++v) {
    const sim::VariableInfo& info = sim::age_class_var_info(sim::AgeClassVar(v));
    std::vector<double> data(classes * times);
    for (std::size_t k = 0; k < classes; ++k) {
      for (std::size_t t = 0; t < times; ++t) data[k * times + t] = by_age_class.at(k, t, v);
    }
    const std::string name = "age_class_" + std::string(info.name);
    h5::Id ds = h5::write_2d(root, name.c_str(), H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, data.data(),
                             classes, times);
    h5::attr_cf(ds, std::string(info.units),
                std::string(info.long_name) + " (by the stand age at the end of the year)");
    h5::attr_string(ds, "cell_methods", "time: point");
    h5::attr_string(ds, "coordinates", "time");
    h5::attach(ds, dim, 0);
    h5::attach(ds, year, 1);
  }
}

bool read_age_classes(hid_t root, AgeClassSummary& out) {
  if (!h5::exists(root, "age_class")) return false;
  AgeClassSummary a;
  a.first_age = h5::read_ints(root, "age_class_first_age");
  a.last_age = h5::read_ints(root, "age_class_last_age");
  const std::size_t classes = a.first_age.size();
  std::vector<std::vector<double>>* columns[] = {&a.area, &a.stem_volume, &a.carbon_ag,
                                                 &a.carbon_bg};
  static_assert(std::size(columns) == sim::kAgeClassVarCount, "one column per AgeClassVar");
  for (std::size_t v = 0; v < sim::kAgeClassVarCount; ++v) {
    const std::string name =
        "age_class_" + std::string(sim::age_class_var_info(sim::AgeClassVar(v)).name);
    const std::vector<double> flat = h5::read_doubles(root, name.c_str());
    const std::size_t times = classes == 0 ? 0 : flat.size() / classes;
    columns[v]->assign(classes, std::vector<double>(times));
    for (std::size_t k = 0; k < classes; ++k) {
      for (std::size_t t = 0; t < times; ++t) (*columns[v])[k][t] = flat[k * times + t];
    }
  }
  out = std::move(a);
  return true;
}

}  // namespace shinrin::io
