#include "shinrin/io/results_reader.hpp"

#include <hdf5.h>

#include <cmath>
#include <filesystem>
#include <map>

#include "hdf5_util.hpp"
#include "results_groups.hpp"
#include "shinrin/core/error.hpp"
#include "shinrin/io/results_format.hpp"

namespace shinrin::io {
namespace {

// The parameter table of group `g` (results_groups.hpp write_parameter_table).
std::vector<ParameterRecord> read_parameter_table(hid_t g, const std::string& prefix) {
  auto strings = [&](const char* col) { return h5::read_strings(g, (prefix + col).c_str()); };
  const auto table = strings("table"), key = strings("key"), name = strings("name"),
             unit = strings("unit"), status = strings("status"), source = strings("source");
  const auto value = h5::read_doubles(g, (prefix + "value").c_str());
  std::vector<ParameterRecord> out;
  for (std::size_t i = 0; i < table.size(); ++i) {
    out.push_back({table[i], key[i], name[i], value[i], unit[i],
                   parse_status(status[i]).value_or(Status::unconfirmed), source[i]});
  }
  return out;
}

}  // namespace

namespace {

ResultsSummary read_opened(const std::string& path, hid_t file);

}  // namespace

ResultsSummary read_summary(const std::string& path) {
  h5::silence_errors();
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) throw InputError(path + ": no such file");
  if (std::filesystem::is_directory(path, ec))
    throw IncompleteResultsError(path + ": a folder, not a results file");
  try {
    if (H5Fis_hdf5(path.c_str()) <= 0) throw IncompleteResultsError(path + ": not an HDF5 file");
    // A file that HDF5 cannot open or read through (truncated, a killed run's temporary file, one
    // a run is still writing) is not a complete results file, whatever part of it fails.
    const hid_t f = H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT);
    if (f < 0) {
      const std::string why = h5::last_error();
      throw IncompleteResultsError(path + ": not a complete results file: HDF5 cannot open it (" +
                                   (why.empty() ? "unknown reason" : why) + ")");
    }
    h5::Id file(f, H5Fclose);
    try {
      return read_opened(path, file);
    } catch (const IncompleteResultsError&) {
      throw;
    } catch (const OutputError& e) {
      throw IncompleteResultsError(path + ": not a complete results file: " + e.what());
    }
  } catch (const IncompleteResultsError& e) {
    // A run's temporary name (results_writer.hpp temp_path_for): say what it is.
    const std::string name = std::filesystem::path(path).filename().string();
    const auto at = name.rfind(".tmp-");
    if (at == std::string::npos || at == 0 || at + 5 == name.size() ||
        name.find_first_not_of("0123456789", at + 5) != std::string::npos)
      throw;
    const std::string what = e.what();
    throw IncompleteResultsError(path +
                                 ": the temporary file of a run that is still writing it or did "
                                 "not finish, not a complete results file (" +
                                 what.substr(std::min(what.size(), path.size() + 2)) + ")");
  }
}

namespace {

ResultsSummary read_opened(const std::string& path, hid_t file) {
  if (!h5::has_attr(file, "filetype") ||
      h5::read_attr_string(file, "filetype") != kResultsFiletype) {
    throw IncompleteResultsError(path +
                                 ": not a shinrin results file (root attribute filetype is not '" +
                                 std::string(kResultsFiletype) + "')");
  }
  ResultsSummary s;
  s.path = path;
  if (!h5::has_attr(file, "format_version"))
    throw IncompleteResultsError(path + ": no root attribute format_version");
  const auto v = h5::read_attr_ints(file, "format_version");
  if (v.size() != 2)
    throw IncompleteResultsError(path + ": format_version must hold [major, minor]");
  s.format_version = {v[0], v[1]};
  if (v[0] != kResultsFormatMajor && v[0] != 1 && v[0] != 2) {
    throw IncompleteResultsError(path + ": results format " + std::to_string(v[0]) + "." +
                                 std::to_string(v[1]) +
                                 " cannot be read by this engine (reads major versions 1, 2 and " +
                                 std::to_string(kResultsFormatMajor) + ")");
  }
  s.complete = h5::has_attr(file, "complete") && h5::read_attr_ints(file, "complete").at(0) == 1;
  s.engine_version = h5::read_attr_string(file, "engine_version");
  s.git_sha = h5::read_attr_string(file, "git_sha");
  s.date_and_time = h5::read_attr_string(file, "date_and_time");
  s.command_line = h5::read_attr_string(file, "command_line");
  s.scenario_sha256 = h5::read_attr_string(file, "scenario_sha256");
  s.title = h5::read_attr_string(file, "title");
  if (h5::has_attr(file, "carbon_pools_off"))
    s.carbon_pools_off = h5::read_attr_string(file, "carbon_pools_off");
  if (h5::has_attr(file, "initial_stocks"))
    s.initial_stocks = h5::read_attr_string(file, "initial_stocks");
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
  {  // warnings about records: format 2.1 on; absent (0) before
    h5::Id rec = h5::checked(H5Dopen2(file, "handling_records", H5P_DEFAULT), H5Dclose,
                             "open handling_records");
    auto count = [&](const char* name) -> std::int64_t {
      return h5::has_attr(rec, name) ? h5::read_attr_ints(rec, name).at(0) : 0;
    };
    s.implausible_age_records = count("implausible_age_records");
    s.implausible_age_above_years = static_cast<int>(count("implausible_age_above_years"));
    s.unusable_area_records = count("unusable_area_records");
  }
  s.has_past_data = read_past_data(file, s.past_data);
  read_age_classes(file, s.age_classes);

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
      s.boilers.push_back({names[b],
                           form[b],
                           sources[b],
                           baseline[b],
                           backup[b],
                           baseline_unit[b],
                           backup_unit[b],
                           basis[b],
                           demand[b],
                           supplied[b],
                           burnt[b],
                           energy[b],
                           heat[b],
                           shortfall[b],
                           backup_q[b],
                           displaced[b],
                           em_bl[b],
                           em_pj[b],
                           er[b],
                           stock[b],
                           {},
                           {}});
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

  if (h5::exists(file, "crediting")) {
    h5::Id cg =
        h5::checked(H5Gopen2(file, "crediting", H5P_DEFAULT), H5Gclose, "open group crediting");
    for (const std::string& name : h5::link_names(cg)) {
      h5::Id g = h5::checked(H5Gopen2(cg, name.c_str(), H5P_DEFAULT), H5Gclose,
                             "open group crediting/" + name);
      CreditProject c;
      c.name = name;
      c.methodology = h5::read_attr_string(g, "methodology");
      c.title = h5::read_attr_string(g, "title");
      c.accounting = h5::read_attr_string(g, "accounting");
      c.baseline = h5::read_attr_string(g, "baseline");
      c.growth_reading = h5::read_attr_string(g, "growth_reading");
      c.replanting_rule = h5::read_attr_string(g, "replanting_rule");
      c.wood_products = h5::read_attr_string(g, "wood_products");
      c.cf = h5::read_attr_double(g, "cf");
      c.buffer_share = h5::read_attr_double(g, "buffer_share");
      c.uncertainty_share = h5::read_attr_double(g, "uncertainty_share");
      c.rounding_step = h5::read_attr_double(g, "rounding_step");
      c.forest = h5::exists(g, "absorption");
      const auto first = h5::read_doubles(g, "first_year"), last = h5::read_doubles(g, "last_year");
      auto col = [&](const char* n) {
        return h5::exists(g, n) ? h5::read_doubles(g, n) : std::vector<double>(first.size(), NAN);
      };
      const auto area = col("area"), parcels = col("parcels"), growth = col("growth_volume"),
                 absorption = col("absorption"), felled_area = col("felled_area"),
                 felled_volume = col("felled_volume"), emission = col("emission"),
                 replanted_area = col("replanted_area"), replanting = col("replanting"),
                 hwp_volume = col("hwp_volume"), hwp = col("hwp"), em_bl = col("baseline_emission"),
                 em_pj = col("project_emission"), wood = col("wood_dry_mass"),
                 heat = col("useful_heat"), net = col("net"), base = col("baseline_net"),
                 credited = col("credited"), buffer = col("buffer"), unc = col("uncertainty"),
                 before = col("before_rounding"), issued = col("issued");
      for (std::size_t k = 0; k < first.size(); ++k) {
        CreditPeriod q;
        q.first_year = int(first[k]);
        q.last_year = int(last[k]);
        q.area = area[k];
        q.parcels = parcels[k];
        q.growth_volume = growth[k];
        q.absorption = absorption[k];
        q.felled_area = felled_area[k];
        q.felled_volume = felled_volume[k];
        q.emission = emission[k];
        q.replanted_area = replanted_area[k];
        q.replanting = replanting[k];
        q.hwp_volume = hwp_volume[k];
        q.hwp = hwp[k];
        q.baseline_emission = em_bl[k];
        q.project_emission = em_pj[k];
        q.wood_dry_mass = wood[k];
        q.useful_heat = heat[k];
        q.net = net[k];
        q.baseline_net = base[k];
        q.credited = credited[k];
        q.buffer = buffer[k];
        q.uncertainty = unc[k];
        q.before_rounding = before[k];
        q.issued = issued[k];
        c.periods.push_back(q);
      }
      if (c.forest) {
        c.reasons = h5::read_strings(g, "reason");
        c.reason_descriptions = h5::read_strings(g, "reason_description");
        const auto nca = h5::read_doubles(g, "not_creditable_area"),
                   ncc = h5::read_doubles(g, "not_creditable_co2");
        const std::size_t nr = c.reasons.size();
        for (std::size_t k = 0; k < first.size(); ++k) {
          c.not_creditable_area.emplace_back(nca.begin() + long(k * nr),
                                             nca.begin() + long((k + 1) * nr));
          c.not_creditable_co2.emplace_back(ncc.begin() + long(k * nr),
                                            ncc.begin() + long((k + 1) * nr));
        }
        const auto sp = h5::read_strings(g, "stratum_species");
        const auto per = h5::read_doubles(g, "stratum_period"),
                   ac = h5::read_doubles(g, "stratum_age_class"),
                   n = h5::read_doubles(g, "stratum_parcels"),
                   a = h5::read_doubles(g, "stratum_area"),
                   gv = h5::read_doubles(g, "stratum_growth_volume"),
                   ab = h5::read_doubles(g, "stratum_absorption"),
                   fv = h5::read_doubles(g, "stratum_felled_volume"),
                   em = h5::read_doubles(g, "stratum_emission"),
                   rp = h5::read_doubles(g, "stratum_replanting"),
                   hw = h5::read_doubles(g, "stratum_hwp"), nt = h5::read_doubles(g, "stratum_net"),
                   bn = h5::read_doubles(g, "stratum_baseline_net");
        for (std::size_t k = 0; k < sp.size(); ++k) {
          c.strata.push_back({int(per[k]), sp[k], int(ac[k]), n[k], a[k], gv[k], ab[k], fv[k],
                              em[k], rp[k], hw[k], nt[k], bn[k]});
        }
      } else {
        c.boilers = h5::read_strings(g, "boilers");
      }
      c.parameters = read_parameter_table(g, "parameter_");
      s.credits.push_back(std::move(c));
    }
  }

  h5::Id g =
      h5::checked(H5Gopen2(file, "parameters", H5P_DEFAULT), H5Gclose, "open group parameters");
  s.parameters = read_parameter_table(g, "");
  return s;
}

}  // namespace

}  // namespace shinrin::io
