#include "shinrin/io/results_reader.hpp"

#include <hdf5.h>

#include <cmath>
#include <filesystem>
#include <map>

#include "hdf5_util.hpp"
#include "shinrin/core/error.hpp"
#include "shinrin/io/results_format.hpp"

namespace shinrin::io {

ResultsSummary read_summary(const std::string& path) {
  h5::silence_errors();
  if (!std::filesystem::exists(path)) throw InputError(path + ": no such file");
  if (H5Fis_hdf5(path.c_str()) <= 0) throw InputError(path + ": not an HDF5 file");
  const hid_t f = H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
  if (f < 0) throw InputError(path + ": cannot open the HDF5 file");
  h5::Id file(f, H5Fclose);
  if (!h5::has_attr(file, "filetype") ||
      h5::read_attr_string(file, "filetype") != kResultsFiletype) {
    throw InputError(path + ": not a shinrin results file (root attribute filetype is not '" +
                     std::string(kResultsFiletype) + "')");
  }
  ResultsSummary s;
  s.path = path;
  const auto v = h5::read_attr_ints(file, "format_version");
  if (v.size() != 2) throw InputError(path + ": format_version must hold [major, minor]");
  s.format_version = {v[0], v[1]};
  if (v[0] != kResultsFormatMajor && v[0] != 1) {
    throw InputError(path + ": results format " + std::to_string(v[0]) + "." +
                     std::to_string(v[1]) +
                     " cannot be read by this engine (reads major versions 1 and " +
                     std::to_string(kResultsFormatMajor) + ")");
  }
  s.complete = h5::has_attr(file, "complete") && h5::read_attr_ints(file, "complete").at(0) == 1;
  s.engine_version = h5::read_attr_string(file, "engine_version");
  s.git_sha = h5::read_attr_string(file, "git_sha");
  s.date_and_time = h5::read_attr_string(file, "date_and_time");
  s.command_line = h5::read_attr_string(file, "command_line");
  s.scenario_sha256 = h5::read_attr_string(file, "scenario_sha256");
  s.title = h5::read_attr_string(file, "title");
  s.start_year = h5::read_attr_ints(file, "start_year").at(0);
  s.years = h5::read_attr_ints(file, "years").at(0);
  if (!s.complete) return s;  // a partial file: metadata only

  s.year = h5::read_ints(file, "year");
  s.parcels = h5::dims(file, "parcel").at(0);
  for (std::size_t k = 0; k < sim::kAggVarCount; ++k) {
    // Files of an older minor version lack later variables: those read as NaN.
    const std::string name = "total_" + std::string(sim::agg_var_info(sim::AggVar(k)).name);
    s.totals[k] = h5::exists(file, name.c_str()) ? h5::read_doubles(file, name.c_str())
                                                 : std::vector<double>(s.year.size(), std::nan(""));
  }
  s.total_area_ha = h5::read_doubles(file, "total_area").at(0);
  s.species = h5::read_strings(file, "species");
  s.species_area_ha = h5::read_doubles(file, "species_area");
  s.handling_class = h5::read_strings(file, "handling_class");
  s.handling_records = h5::read_int64s(file, "handling_records");
  s.handling_hectares = h5::read_doubles(file, "handling_hectares");

  if (h5::exists(file, "plan")) {
    const auto target = h5::read_strings(file, "plan_target"),
               unit = h5::read_strings(file, "plan_unit"),
               operation = h5::read_strings(file, "plan_operation"),
               basis = h5::read_strings(file, "plan_basis"),
               rule = h5::read_strings(file, "plan_rule"),
               priority = h5::read_strings(file, "plan_priority"),
               last = h5::read_strings(file, "plan_last_parcel"),
               source = h5::read_strings(file, "plan_source");
    const std::size_t rows = target.size(), times = s.year.size();
    auto series = [&](const std::string& name) {
      const auto all = h5::read_doubles(file, name.c_str());
      std::vector<std::vector<double>> out(rows);
      for (std::size_t r = 0; r < rows; ++r)
        out[r].assign(all.begin() + long(r * times), all.begin() + long((r + 1) * times));
      return out;
    };
    const auto area = series("plan_treated_area"), volume = series("plan_treated_volume"),
               fuel = series("plan_treated_fuel_dry_mass"),
               parcels = series("plan_treated_parcels"), e_area = series("plan_eligible_area"),
               e_volume = series("plan_eligible_volume"),
               e_parcels = series("plan_eligible_parcels"), b_area = series("plan_backlog_area"),
               b_volume = series("plan_backlog_volume");
    std::map<std::string, std::vector<std::vector<double>>> by_basis;
    for (const char* b : {"area", "volume", "fuel_dry_mass"}) {
      for (const char* v : {"target", "shortfall", "overshoot"})
        by_basis[std::string(v) + "_" + b] = series(std::string("plan_") + v + "_" + b);
    }
    for (std::size_t r = 0; r < rows; ++r) {
      PlanRowSummary p;
      p.target = target[r];
      p.unit = unit[r];
      p.operation = operation[r];
      p.basis = basis[r];
      p.units = basis[r] == "area" ? "ha" : basis[r] == "volume" ? "m3" : "t";
      p.rule = rule[r];
      p.priority = priority[r];
      p.last_parcel = last[r];
      p.source = source[r];
      p.target_amount = by_basis["target_" + basis[r]][r];
      p.shortfall = by_basis["shortfall_" + basis[r]][r];
      p.overshoot = by_basis["overshoot_" + basis[r]][r];
      p.achieved = basis[r] == "area" ? area[r] : basis[r] == "volume" ? volume[r] : fuel[r];
      p.treated_area = area[r];
      p.treated_volume = volume[r];
      p.treated_parcels = parcels[r];
      p.eligible_area = e_area[r];
      p.eligible_volume = e_volume[r];
      p.eligible_parcels = e_parcels[r];
      p.backlog_area = b_area[r];
      p.backlog_volume = b_volume[r];
      s.plan.push_back(std::move(p));
    }
  }

  if (h5::exists(file, "fuel")) {
    h5::Id fg = h5::checked(H5Gopen2(file, "fuel", H5P_DEFAULT), H5Gclose, "open group fuel");
    const auto names = h5::read_strings(fg, "boiler");
    const std::size_t times = s.year.size();
    auto strings = [&](const char* name) { return h5::read_strings(fg, name); };
    auto series = [&](const char* name) {
      const auto all = h5::read_doubles(fg, name);
      std::vector<std::vector<double>> out(names.size());
      for (std::size_t b = 0; b < names.size(); ++b) {
        out[b].assign(all.begin() + long(b * times), all.begin() + long((b + 1) * times));
      }
      return out;
    };
    const auto form = strings("form"), sources = strings("sources"),
               baseline = strings("baseline_fuel_factor"), backup = strings("backup_fuel_factor"),
               baseline_unit = strings("baseline_unit"), backup_unit = strings("backup_unit"),
               basis = strings("energy_basis");
    const auto demand = series("heat_demand"), supplied = series("supplied_dry_mass"),
               burnt = series("burnt_dry_mass"), energy = series("wood_energy"),
               heat = series("useful_heat"), shortfall = series("shortfall"),
               backup_q = series("backup_fuel"), displaced = series("fossil_displaced"),
               em_bl = series("baseline_emission"), em_pj = series("project_emission"),
               er = series("reduction"), stock = series("stock");
    for (std::size_t b = 0; b < names.size(); ++b) {
      s.boilers.push_back({names[b],         form[b],        sources[b], baseline[b],  backup[b],
                           baseline_unit[b], backup_unit[b], basis[b],   demand[b],    supplied[b],
                           burnt[b],         energy[b],      heat[b],    shortfall[b], backup_q[b],
                           displaced[b],     em_bl[b],       em_pj[b],   er[b],        stock[b]});
    }
    if (h5::exists(fg, "profile")) {  // monthly figures of the boilers with a demand profile
      const auto profile = h5::read_doubles(fg, "profile");
      const auto shortfall_month = h5::read_doubles(fg, "shortfall_monthly");
      for (std::size_t b = 0; b < names.size(); ++b) {
        if (std::isnan(profile[b * 12])) continue;
        BoilerSummary& bs = s.boilers[b];
        bs.profile.assign(profile.begin() + long(b * 12), profile.begin() + long(b * 12 + 12));
        bs.shortfall_month.resize(times);
        for (std::size_t t = 0; t < times; ++t) {
          std::copy_n(shortfall_month.begin() + long((b * times + t) * 12), 12,
                      bs.shortfall_month[t].begin());
        }
      }
    }
  }

  h5::Id g =
      h5::checked(H5Gopen2(file, "parameters", H5P_DEFAULT), H5Gclose, "open group parameters");
  const auto table = h5::read_strings(g, "table"), key = h5::read_strings(g, "key"),
             name = h5::read_strings(g, "name"), unit = h5::read_strings(g, "unit"),
             status = h5::read_strings(g, "status"), source = h5::read_strings(g, "source");
  const auto value = h5::read_doubles(g, "value");
  for (std::size_t i = 0; i < table.size(); ++i) {
    s.parameters.push_back({table[i], key[i], name[i], value[i], unit[i],
                            parse_status(status[i]).value_or(Status::unconfirmed), source[i]});
  }
  return s;
}

}  // namespace shinrin::io
