#pragma once
// The CLI verbs. Each returns the process exit code; errors are thrown and reported by main.

namespace shinrin::app {

int cmd_run(int argc, char** argv, bool validate_only);
int cmd_info(int argc, char** argv);
int cmd_fit_growth(int argc, char** argv);
int cmd_credit(int argc, char** argv);
int cmd_compare(int argc, char** argv);

}  // namespace shinrin::app
