#pragma once
//! Binds the scenario's `crediting` section to the landscape (crediting/project.hpp): each
//! project's methodology, parcels, periods and numbers (crediting table, then the project's own),
//! and the methodology's admission rules (plan and project area, J-VER window, credit period).
//! Every problem names its scenario place or table row.

#include <map>
#include <string>
#include <vector>

#include "shinrin/crediting/project.hpp"
#include "shinrin/fuel/model.hpp"
#include "shinrin/io/crediting_table.hpp"
#include "shinrin/io/parameter_tables.hpp"
#include "shinrin/io/scenario.hpp"
#include "shinrin/setup/classify.hpp"
#include "shinrin/silviculture/management.hpp"
#include "shinrin/simulation/model.hpp"
#include "shinrin/state/landscape.hpp"

namespace shinrin::setup {

//! Register fields the crediting section reads (treatment record, protection, afforestation,
//! project field filters).
std::vector<std::string> crediting_fields(const io::Scenario& s);

//! The projects of `s.crediting` (which must be present) over `p` in its final order; `fields`
//! holds the extra register fields in the same order.
crediting::Projects bind_crediting(const io::Scenario& s, const Landscape& p,
                                   const SpeciesTable& species, const sim::Model& model,
                                   const fuel::FuelModel& fuel,
                                   const std::map<std::string, io::LandClass>& forest_types,
                                   const std::vector<FieldValues>& fields,
                                   const io::CreditingTable& table);

}  // namespace shinrin::setup
