// Phase "crediting" (crediting/account.hpp), per parcel, after operations in the same pass: each
// forest credit project's figures of the year for its parcels, from the stand that grew this
// year and the operation it underwent (never from the carbon pools), into the State's ledger.
#include "phase.hpp"
#include "shinrin/crediting/account.hpp"

namespace shinrin::sim {

void crediting_block(PhaseContext& c) {
  const Inputs& in = c.in;
  const Landscape& L = in.parcels;
  const silviculture::Management& m = in.model.management;
  const crediting::Tables tables{in.growth, in.species, m.wood_use};
  for (std::size_t k = 0; k < in.credit.projects.size(); ++k) {
    const crediting::Project& p = in.credit.projects[k];
    if (p.rules->scope != crediting::Scope::forest) continue;
    const int period = p.period_of(c.fiscal_year);
    if (period < 0) continue;
    crediting::ProjectLedger& ledger = c.st.credit[k];
    for (std::size_t i = c.rows.first; i < c.rows.last; ++i) {
      const std::uint32_t local = p.local_of_row[i];
      if (local == crediting::kNotInProject) continue;
      const std::size_t r = i - c.rows.first;
      const silviculture::Operation op = c.work.operation[r];
      crediting::ParcelYear y;
      y.fiscal_year = c.fiscal_year;
      y.area = L.area_ha[i];
      y.operation = op;
      if (op != silviculture::Operation::none) {
        y.streams = c.work.streams[r];
        y.harvest_species = c.work.harvest_species[r];
        y.species = c.work.harvest_species[r];
        y.curve = c.work.harvest_curve[r];
        y.age_reached = c.work.harvest_age[r];
      } else {
        y.species = c.st.species[i];
        y.curve = c.st.curve[i];
        y.age_reached = c.st.age[i];
      }
      if (op == silviculture::Operation::final_felling) {
        // A felling regenerates the stand (phase_operations.cpp); replanting only by that method.
        const silviculture::Regeneration& regen =
            L.regime[i] != kNoRegime ? m.regimes[L.regime[i]].regeneration : m.event_regeneration;
        y.regenerated = regen.method == silviculture::RegenerationMethod::replant;
        y.regen_species = c.st.species[i];
        y.regen_curve = c.st.curve[i];
      }
      y.record_year = p.record_year[local];
      y.natural = p.natural[local] != 0;
      y.protected_forest = p.protected_forest[local] != 0;
      y.afforested = p.afforested[local] != 0;
      const std::size_t at = std::size_t(local) * ledger.periods + std::size_t(period);
      if (c.fiscal_year ==
          p.periods[std::size_t(period)].first_year) {  // the stratum: at the start
        ledger.species0[at] = y.species;
        ledger.age_class0[at] = static_cast<std::uint8_t>(crediting::age_class(y.age_reached - 1));
      }
      ledger.entries[at].add(crediting::account_year(p, tables, y, ledger.history[local]));
    }
  }
}

}  // namespace shinrin::sim
