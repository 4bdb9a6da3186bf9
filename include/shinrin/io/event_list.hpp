#pragma once
//! Reads an explicit event list (a planner's plan, scenario key silviculture.events.path), CSV
//!
//!   parcel,year,operation,intensity
//!   12-3,2027,thinning_from_below,0.3
//!   12-3,2040,final_felling,
//!
//! as text rows for setup to check and bind (setup/events.hpp describes the fields). Throws
//! InputError naming the file and line for an unreadable file or a malformed CSV, and listing the
//! columns when one of the four is missing.

#include <string>

#include "shinrin/setup/raw.hpp"

namespace shinrin::io {

setup::RawEventList read_event_rows(const std::string& path);

}  // namespace shinrin::io
