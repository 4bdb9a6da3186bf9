#pragma once
// Internal helpers over the HDF5 C API for the results writer and reader (io module only).
// RAII handles, CF-style attributes, dimension scales and string datasets. HDF5's own error
// printing is switched off; failures become OutputError naming the object and why (the innermost
// message of HDF5's error stack, e.g. the system's "No space left on device").

#include <hdf5.h>

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace shinrin::io::h5 {

//! Owns an HDF5 identifier and closes it with the matching H5?close.
class Id {
 public:
  using Closer = herr_t (*)(hid_t);
  Id() = default;
  Id(hid_t id, Closer close) : id_(id), close_(close) {}
  Id(Id&& o) noexcept : id_(o.id_), close_(o.close_) { o.id_ = -1; }
  Id& operator=(Id&& o) noexcept {
    if (this != &o) {
      reset();
      id_ = o.id_;
      close_ = o.close_;
      o.id_ = -1;
    }
    return *this;
  }
  Id(const Id&) = delete;
  Id& operator=(const Id&) = delete;
  ~Id() { reset(); }
  hid_t get() const { return id_; }
  operator hid_t() const { return id_; }
  bool valid() const { return id_ >= 0; }
  //! Gives up ownership without closing.
  hid_t release() {
    const hid_t id = id_;
    id_ = -1;
    return id;
  }
  void reset() {
    if (id_ >= 0 && close_) close_(id_);
    id_ = -1;
  }

 private:
  hid_t id_ = -1;
  Closer close_ = nullptr;
};

//! Turns off HDF5's automatic error printing for this thread.
void silence_errors();
//! Why the last HDF5 call failed: the innermost entry of HDF5's error stack (the system's error
//! text where there is one, e.g. "No space left on device"); empty if the stack is empty.
std::string last_error();
//! Throws OutputError("failed to <what> (<last_error()>)") if `status` < 0.
void check(herr_t status, const std::string& what);
//! Throws OutputError("failed to <what> (<last_error()>)") if `id` < 0, else wraps it.
Id checked(hid_t id, Id::Closer close, const std::string& what);

// --- attributes --------------------------------------------------------------------------------
void attr_string(hid_t obj, const char* name, const std::string& value);
void attr_int(hid_t obj, const char* name, std::span<const int> values);
void attr_double(hid_t obj, const char* name, double value);
void attr_float(hid_t obj, const char* name, float value);
//! 1-D attribute of `n` values of `file_type` (native `mem_type` in memory).
void attr_array(hid_t obj, const char* name, hid_t file_type, hid_t mem_type, const void* values,
                std::size_t n);
//! units, long_name (CF) in one call.
void attr_cf(hid_t obj, const std::string& units, const std::string& long_name);
bool has_attr(hid_t obj, const char* name);
std::string read_attr_string(hid_t obj, const char* name);
std::vector<int> read_attr_ints(hid_t obj, const char* name);
double read_attr_double(hid_t obj, const char* name);
//! Names of the links in group `g`, in creation order.
std::vector<std::string> link_names(hid_t g);

// --- datasets ---------------------------------------------------------------------------------
//! Dataset creation property list with link/attribute creation order tracked (as netCDF-4 writes).
Id dcpl_tracked();
//! 1-D dataset of `type` with `values` (n elements of native type `mem_type`).
Id write_1d(hid_t loc, const char* name, hid_t file_type, hid_t mem_type, const void* values,
            std::size_t n);
//! Scalar dataset of `file_type` holding one value of native type `mem_type`.
Id write_scalar(hid_t loc, const char* name, hid_t file_type, hid_t mem_type, const void* value);
//! 2-D dataset [rows][cols] written in one go.
Id write_2d(hid_t loc, const char* name, hid_t file_type, hid_t mem_type, const void* values,
            std::size_t rows, std::size_t cols);
//! N-D dataset of extents `dims` (row-major) written in one go.
Id write_nd(hid_t loc, const char* name, hid_t file_type, hid_t mem_type, const void* values,
            std::span<const hsize_t> dims);
//! 1-D dataset of variable-length UTF-8 strings.
Id write_strings(hid_t loc, const char* name, const std::vector<std::string>& values);
//! Scalar variable-length UTF-8 string dataset.
Id write_string_scalar(hid_t loc, const char* name, const std::string& value);
//! Makes `ds` a dimension scale called `dim`.
void make_scale(hid_t ds, const char* dim);
//! Attaches `scale` to axis `axis` of `ds`.
void attach(hid_t ds, hid_t scale, unsigned axis);

std::vector<double> read_doubles(hid_t loc, const char* name);
std::vector<std::int64_t> read_int64s(hid_t loc, const char* name);
std::vector<int> read_ints(hid_t loc, const char* name);
std::vector<std::string> read_strings(hid_t loc, const char* name);
//! Dimensions of dataset `name`.
std::vector<hsize_t> dims(hid_t loc, const char* name);
bool exists(hid_t loc, const char* name);

}  // namespace shinrin::io::h5
