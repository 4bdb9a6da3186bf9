#pragma once
// The CLI verbs. Each returns the process exit code; errors are thrown and reported by main.

#include "cli.hpp"

namespace shinrin::app {

//! `command_line` is the whole command as typed (recorded in the results file).
int cmd_run(const RunOptions& options, bool validate_only, const std::string& command_line);
int cmd_info(const InfoOptions& options);
int cmd_fit_growth(const FitGrowthOptions& options);
int cmd_credit(const CreditOptions& options);
int cmd_compare(const CompareOptions& options);
int cmd_export(const ExportOptions& options);
int cmd_report(const ReportOptions& options);

}  // namespace shinrin::app
