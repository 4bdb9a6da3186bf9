// The /fuel group: wood boilers per boiler and fiscal year (docs/results-format.md).
#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "hdf5_util.hpp"
#include "results_groups.hpp"
#include "shinrin/fuel/boiler.hpp"

namespace shinrin::io {

// Wood boilers (fuel/boiler.hpp): a self-contained group /fuel with its own `boiler` and `year`
// coordinates, so that xarray.open_dataset(path, group="fuel") opens it.
void write_fuel(hid_t root, const std::vector<std::vector<fuel::BoilerYear>>& years,
                const sim::Inputs& in) {
  const auto& boilers = in.fuel.boilers;
  if (boilers.empty()) return;
  h5::Id g(create_tracked_group(root, "fuel"), H5Gclose);
  h5::attr_string(
      g, "description",
      "wood boilers fed from the simulated forest, per boiler and fiscal year; reductions count "
      "fossil CO2 avoided only: the wood's own carbon is booked by the forest's accounts as "
      "emitted "
      "when it leaves the forest (flux channels '... -> atmosphere (burnt)')");
  std::vector<int> year(in.times());
  for (std::size_t t = 0; t < year.size(); ++t) year[t] = in.start_year - 1 + int(t);
  h5::Id y = h5::write_1d(g, "year", H5T_STD_I32LE, H5T_NATIVE_INT, year.data(), year.size());
  h5::attr_cf(y, "1", "fiscal year; the first entry is the initial state (NaN values)");
  h5::make_scale(y, "year");
  std::vector<std::string> names;
  for (const auto& b : boilers) names.push_back(b.name);
  h5::Id dim = h5::write_strings(g, "boiler", names);
  h5::attr_cf(dim, "1", "boiler name (scenario section fuel)");
  h5::make_scale(dim, "boiler");

  auto strings = [&](const char* name, const std::string& long_name, auto value) {
    std::vector<std::string> v;
    for (const auto& b : boilers) v.push_back(value(b));
    h5::Id ds = h5::write_strings(g, name, v);
    h5::attr_cf(ds, "1", long_name);
    h5::attach(ds, dim, 0);
  };
  auto numbers = [&](const char* name, const std::string& units, const std::string& long_name,
                     auto value) {
    std::vector<double> v;
    for (const auto& b : boilers) v.push_back(value(b));
    h5::Id ds = h5::write_1d(g, name, H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, v.data(), v.size());
    h5::attr_cf(ds, units, long_name);
    h5::attach(ds, dim, 0);
  };
  auto factor_text = [](const fuel::FossilFactor& f) {
    char buf[64];
    char hv[32];
    std::snprintf(buf, sizeof buf, "%.6g", f.co2_per_unit);
    std::snprintf(hv, sizeof hv, "%.6g", f.heating_value);
    return f.fuel + " (" + f.vintage + "): " + buf + " t CO2 per " + f.unit + ", HV " + hv +
           " GJ per " + f.unit + " " + std::string(fuel::basis_name(f.basis)) + ", status " +
           std::string(status_tag(f.status)) + ", " + f.source;
  };
  strings("form", "fuel form: firewood or chips",
          [](const fuel::Boiler& b) { return std::string(fuel::fuel_form_name(b.form)); });
  strings("sources", "where the wood comes from, in order", [](const fuel::Boiler& b) {
    std::string out;
    for (auto src : b.sources)
      out += (out.empty() ? "" : ", ") + std::string(fuel::source_name(src));
    return out;
  });
  strings("baseline_fuel_factor",
          "fossil fuel the wood replaces (the factor used, with its table row)",
          [&](const fuel::Boiler& b) { return factor_text(b.baseline); });
  strings("backup_fuel_factor",
          "fossil fuel that meets a shortfall (the factor used, with its table row)",
          [&](const fuel::Boiler& b) { return factor_text(b.backup); });
  strings("baseline_unit", "unit of fossil_displaced",
          [](const fuel::Boiler& b) { return b.baseline.unit; });
  strings("backup_unit", "unit of backup_fuel",
          [](const fuel::Boiler& b) { return b.backup.unit; });
  strings("heating_value_formula", "heating-value formula of the wood",
          [](const fuel::Boiler& b) { return std::string(fuel::formula_info(b.formula).name); });
  strings("energy_basis", "basis of heating values and efficiencies: HHV or LHV",
          [](const fuel::Boiler& b) {
            return std::string(fuel::basis_name(b.project_efficiency.basis));
          });
  numbers("project_efficiency", "1", "wood boiler efficiency",
          [](const fuel::Boiler& b) { return b.project_efficiency.value; });
  numbers("baseline_efficiency", "1", "fossil boiler efficiency (baseline and backup)",
          [](const fuel::Boiler& b) { return b.baseline_efficiency.value; });
  numbers("moisture", "percent", "wet-basis moisture of the wood as burnt",
          [](const fuel::Boiler& b) { return b.moisture; });
  numbers("drying_years", "year", "years between cutting and burning",
          [](const fuel::Boiler& b) { return double(b.drying_years); });
  numbers("stock_loss", "year-1", "share of the stock's dry mass lost a year",
          [](const fuel::Boiler& b) { return b.stock_loss; });
  numbers("first_year", "1", "first fiscal year the boiler burns wood",
          [](const fuel::Boiler& b) { return double(b.first_year); });
  numbers("last_year", "1", "last fiscal year the boiler burns wood",
          [](const fuel::Boiler& b) { return double(b.last_year); });
  numbers("max_intake", "t year-1", "wood the boiler can burn a year (dry mass; inf = no limit)",
          [](const fuel::Boiler& b) { return b.max_intake; });

  const std::size_t times = in.times();
  auto series = [&](const char* name, const std::string& units, const std::string& long_name,
                    auto value) {
    std::vector<double> v(boilers.size() * times, std::nan(""));
    for (std::size_t b = 0; b < boilers.size(); ++b) {
      for (std::size_t t = 1; t < times; ++t) v[b * times + t] = value(years[b][t]);
    }
    h5::Id ds =
        h5::write_2d(g, name, H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, v.data(), boilers.size(), times);
    h5::attr_double(ds, "_FillValue", std::nan(""));
    h5::attr_cf(ds, units, long_name);
    h5::attach(ds, dim, 0);
    h5::attach(ds, y, 1);
  };
  using BY = fuel::BoilerYear;
  series("heat_demand", "GJ year-1", "useful heat the boiler's users need",
         [](const BY& r) { return r.heat_demand; });
  series("supplied_volume", "m3 year-1", "wood into the stock (wood-equivalent volume)",
         [](const BY& r) { return r.supplied.volume; });
  series("supplied_dry_mass", "t year-1", "wood into the stock (dry mass)",
         [](const BY& r) { return r.supplied.total(); });
  series("supplied_wet_mass", "t year-1", "wood into the stock at the stated moisture (wet basis)",
         [](const BY& r) { return r.supplied_wet; });
  series("supplied_residues", "t year-1", "wood into the stock from residues collected (dry mass)",
         [](const BY& r) { return r.supplied.dry[0]; });
  series("supplied_fuelwood", "t year-1",
         "wood into the stock from fuelwood of thinnings and fellings (dry mass)",
         [](const BY& r) { return r.supplied.dry[1]; });
  series("supplied_extra_operations", "t year-1",
         "wood into the stock from operations the demand added (dry mass)",
         [](const BY& r) { return r.supplied.dry[2]; });
  series("burnt_dry_mass", "t year-1", "wood burnt (dry mass)",
         [](const BY& r) { return r.burnt_dry; });
  series("burnt_wet_mass", "t year-1", "wood burnt at the stated moisture",
         [](const BY& r) { return r.burnt_wet; });
  series("heating_value", "GJ t-1",
         "heating value of the wood as burnt, per wet tonne, on energy_basis",
         [](const BY& r) { return r.heating_value; });
  series("wood_energy", "GJ year-1", "energy of the wood burnt, on energy_basis",
         [](const BY& r) { return r.wood_energy; });
  series("useful_heat", "GJ year-1", "useful heat from wood",
         [](const BY& r) { return r.useful_heat; });
  series("shortfall", "GJ year-1", "useful heat the wood could not give, met by the backup fuel",
         [](const BY& r) { return r.shortfall; });
  series("backup_fuel", "1", "backup fuel burnt a year, in backup_unit",
         [](const BY& r) { return r.backup_fuel; });
  series("fossil_displaced", "1", "fossil fuel the wood's heat replaces a year, in baseline_unit",
         [](const BY& r) { return r.fossil_displaced; });
  series("baseline_emission", "t year-1",
         "EM_BL: CO2 of the baseline fuel for the whole heat demand",
         [](const BY& r) { return r.baseline_emission; });
  series("project_emission", "t year-1",
         "EM_PJ: CO2 of backup and auxiliary fuel, electricity and transport",
         [](const BY& r) { return r.project.total(); });
  series("project_emission_backup", "t year-1", "CO2 of the backup fuel",
         [](const BY& r) { return r.project.backup_fossil; });
  series("project_emission_auxiliary", "t year-1", "CO2 of auxiliary fuel",
         [](const BY& r) { return r.project.auxiliary_fossil; });
  series("project_emission_electricity", "t year-1", "CO2 of the wood equipment's electricity",
         [](const BY& r) { return r.project.electricity; });
  series("project_emission_transport", "t year-1", "CO2 of wood transport",
         [](const BY& r) { return r.project.transport; });
  series("reduction", "t year-1", "ER = EM_BL - EM_PJ: fossil CO2 avoided",
         [](const BY& r) { return r.reduction; });
  series("stock", "t", "wood in the stock at the end of the year (dry mass)",
         [](const BY& r) { return r.stock; });
  series("declined", "t year-1", "wood offered but not taken: the shed was full (dry mass)",
         [](const BY& r) { return r.declined; });
  series("stock_lost", "t year-1", "stock lost in the shed during the year (dry mass)",
         [](const BY& r) { return r.stock_lost; });

  // Monthly heat, for boilers with a demand profile (NaN for the others).
  bool profiled = false;
  for (const auto& b : boilers) profiled = profiled || b.profile.has_value();
  if (!profiled) return;
  const std::vector<std::string> month_names = {"April",    "May",       "June",     "July",
                                                "August",   "September", "October",  "November",
                                                "December", "January",   "February", "March"};
  h5::Id month = h5::write_strings(g, "month", month_names);
  h5::attr_cf(month, "1", "month of the fiscal year (April to March)");
  h5::make_scale(month, "month");
  {
    std::vector<double> v(boilers.size() * 12, std::nan(""));
    for (std::size_t b = 0; b < boilers.size(); ++b) {
      if (boilers[b].profile)
        std::copy(boilers[b].profile->begin(), boilers[b].profile->end(), v.begin() + long(b * 12));
    }
    h5::Id ds =
        h5::write_2d(g, "profile", H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, v.data(), boilers.size(), 12);
    h5::attr_double(ds, "_FillValue", std::nan(""));
    h5::attr_cf(
        ds, "1",
        "share of the year's heat demand by month (scenario demand.profile; NaN: none given)");
    h5::attach(ds, dim, 0);
    h5::attach(ds, month, 1);
  }
  auto monthly = [&](const char* name, const std::string& long_name, auto value) {
    std::vector<double> v(boilers.size() * times * 12, std::nan(""));
    for (std::size_t b = 0; b < boilers.size(); ++b) {
      if (!boilers[b].profile) continue;
      for (std::size_t t = 1; t < times; ++t) {
        const std::array<double, 12>& m = value(years[b][t]);
        std::copy(m.begin(), m.end(), v.begin() + long((b * times + t) * 12));
      }
    }
    const hsize_t extents[3] = {boilers.size(), times, 12};
    h5::Id ds = h5::write_nd(g, name, H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, v.data(), extents);
    h5::attr_double(ds, "_FillValue", std::nan(""));
    h5::attr_cf(ds, "GJ month-1", long_name);
    h5::attach(ds, dim, 0);
    h5::attach(ds, y, 1);
    h5::attach(ds, month, 2);
  };
  monthly("heat_demand_monthly", "useful heat the boiler's users need, by month of the fiscal year",
          [](const BY& r) -> const std::array<double, 12>& { return r.heat_demand_month; });
  monthly("useful_heat_monthly",
          "useful heat from wood by month (the year's wood burns in month order)",
          [](const BY& r) -> const std::array<double, 12>& { return r.useful_heat_month; });
  monthly("shortfall_monthly", "useful heat met by the backup fuel, by month",
          [](const BY& r) -> const std::array<double, 12>& { return r.shortfall_month; });
}

}  // namespace shinrin::io
