#include "hdf5_util.hpp"

#include <hdf5_hl.h>

#include <cstdlib>
#include <cstring>

#include "shinrin/core/error.hpp"

namespace shinrin::io::h5 {

void silence_errors() {
  if (!std::getenv("SHINRIN_HDF5_DEBUG")) H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
}

namespace {

// Keeps the description of the innermost error (walked from the most specific entry upward).
herr_t innermost(unsigned n, const H5E_error2_t* e, void* data) {
  if (n == 0 && e->desc) *static_cast<std::string*>(data) = e->desc;
  return 0;
}

std::string failed(const std::string& what) {
  const std::string why = last_error();
  return "failed to " + what + (why.empty() ? "" : " (" + why + ")");
}

}  // namespace

std::string last_error() {
  std::string desc;
  H5Ewalk2(H5E_DEFAULT, H5E_WALK_UPWARD, innermost, &desc);
  // The file drivers report a system error as "..., errno = 28, error message = 'No space left on
  // device', ...": that text alone says why.
  const std::string mark = "error message = '";
  if (const auto at = desc.find(mark); at != std::string::npos) {
    const auto from = at + mark.size();
    const auto to = desc.find('\'', from);
    if (to != std::string::npos) return desc.substr(from, to - from);
  }
  return desc;
}

void check(herr_t status, const std::string& what) {
  if (status < 0) throw OutputError(failed(what));
}

Id checked(hid_t id, Id::Closer close, const std::string& what) {
  if (id < 0) throw OutputError(failed(what));
  return Id(id, close);
}

namespace {

Id string_type(std::size_t size) {
  Id t = checked(H5Tcopy(H5T_C_S1), H5Tclose, "create a string type");
  check(H5Tset_size(t, size), "size a string type");
  check(H5Tset_strpad(t, H5T_STR_NULLTERM), "pad a string type");
  check(H5Tset_cset(t, H5T_CSET_UTF8), "set UTF-8");
  return t;
}

void replace_attr(hid_t obj, const char* name) {
  if (H5Aexists(obj, name) > 0)
    check(H5Adelete(obj, name), std::string("replace attribute ") + name);
}

}  // namespace

void attr_string(hid_t obj, const char* name, const std::string& value) {
  replace_attr(obj, name);
  Id type = string_type(value.empty() ? 1 : value.size() + 1);
  Id space = checked(H5Screate(H5S_SCALAR), H5Sclose, "create a scalar space");
  Id a = checked(H5Acreate2(obj, name, type, space, H5P_DEFAULT, H5P_DEFAULT), H5Aclose,
                 std::string("create attribute ") + name);
  check(H5Awrite(a, type, value.c_str()), std::string("write attribute ") + name);
}

void attr_int(hid_t obj, const char* name, std::span<const int> values) {
  replace_attr(obj, name);
  const hsize_t n = values.size();
  Id space = values.size() == 1
                 ? checked(H5Screate(H5S_SCALAR), H5Sclose, "create a space")
                 : checked(H5Screate_simple(1, &n, nullptr), H5Sclose, "create a space");
  Id a = checked(H5Acreate2(obj, name, H5T_STD_I32LE, space, H5P_DEFAULT, H5P_DEFAULT), H5Aclose,
                 std::string("create attribute ") + name);
  check(H5Awrite(a, H5T_NATIVE_INT, values.data()), std::string("write attribute ") + name);
}

namespace {

void attr_scalar(hid_t obj, const char* name, hid_t file_type, hid_t mem_type, const void* value) {
  replace_attr(obj, name);
  Id space = checked(H5Screate(H5S_SCALAR), H5Sclose, "create a space");
  Id a = checked(H5Acreate2(obj, name, file_type, space, H5P_DEFAULT, H5P_DEFAULT), H5Aclose,
                 std::string("create attribute ") + name);
  check(H5Awrite(a, mem_type, value), std::string("write attribute ") + name);
}

}  // namespace

void attr_double(hid_t obj, const char* name, double value) {
  attr_scalar(obj, name, H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, &value);
}

void attr_float(hid_t obj, const char* name, float value) {
  attr_scalar(obj, name, H5T_IEEE_F32LE, H5T_NATIVE_FLOAT, &value);
}

void attr_array(hid_t obj, const char* name, hid_t file_type, hid_t mem_type, const void* values,
                std::size_t n) {
  replace_attr(obj, name);
  const hsize_t dims = n;
  Id space = checked(H5Screate_simple(1, &dims, nullptr), H5Sclose, "create a space");
  Id a = checked(H5Acreate2(obj, name, file_type, space, H5P_DEFAULT, H5P_DEFAULT), H5Aclose,
                 std::string("create attribute ") + name);
  check(H5Awrite(a, mem_type, values), std::string("write attribute ") + name);
}

void attr_cf(hid_t obj, const std::string& units, const std::string& long_name) {
  attr_string(obj, "units", units);
  attr_string(obj, "long_name", long_name);
}

bool has_attr(hid_t obj, const char* name) {
  return H5Aexists(obj, name) > 0;
}

std::string read_attr_string(hid_t obj, const char* name) {
  Id a = checked(H5Aopen(obj, name, H5P_DEFAULT), H5Aclose, std::string("open attribute ") + name);
  Id type = checked(H5Aget_type(a), H5Tclose, "read an attribute type");
  if (H5Tget_class(type) != H5T_STRING)
    throw OutputError(std::string("attribute ") + name + " is not text");
  if (H5Tis_variable_str(type) > 0) {
    char* s = nullptr;
    Id mem = checked(H5Tcopy(H5T_C_S1), H5Tclose, "copy a type");
    check(H5Tset_size(mem, H5T_VARIABLE), "size a type");
    check(H5Aread(a, mem, &s), std::string("read attribute ") + name);
    std::string out = s ? s : "";
    H5free_memory(s);
    return out;
  }
  const std::size_t size = H5Tget_size(type);
  std::string buf(size, '\0');
  check(H5Aread(a, type, buf.data()), std::string("read attribute ") + name);
  buf.resize(std::strlen(buf.c_str()));
  return buf;
}

std::vector<int> read_attr_ints(hid_t obj, const char* name) {
  Id a = checked(H5Aopen(obj, name, H5P_DEFAULT), H5Aclose, std::string("open attribute ") + name);
  Id space = checked(H5Aget_space(a), H5Sclose, "read an attribute space");
  const hssize_t n = H5Sget_simple_extent_npoints(space);
  std::vector<int> out(static_cast<std::size_t>(n));
  check(H5Aread(a, H5T_NATIVE_INT, out.data()), std::string("read attribute ") + name);
  return out;
}

double read_attr_double(hid_t obj, const char* name) {
  Id a = checked(H5Aopen(obj, name, H5P_DEFAULT), H5Aclose, std::string("open attribute ") + name);
  double v = 0.0;
  check(H5Aread(a, H5T_NATIVE_DOUBLE, &v), std::string("read attribute ") + name);
  return v;
}

std::vector<std::string> link_names(hid_t g) {
  H5G_info_t info;
  check(H5Gget_info(g, &info), "read a group");
  std::vector<std::string> out;
  for (hsize_t i = 0; i < info.nlinks; ++i) {
    const ssize_t n =
        H5Lget_name_by_idx(g, ".", H5_INDEX_CRT_ORDER, H5_ITER_INC, i, nullptr, 0, H5P_DEFAULT);
    if (n < 0) throw OutputError("cannot read a link name");
    std::string name(static_cast<std::size_t>(n), '\0');
    H5Lget_name_by_idx(g, ".", H5_INDEX_CRT_ORDER, H5_ITER_INC, i, name.data(), std::size_t(n) + 1,
                       H5P_DEFAULT);
    out.push_back(name);
  }
  return out;
}

Id dcpl_tracked() {
  Id p = checked(H5Pcreate(H5P_DATASET_CREATE), H5Pclose, "create a property list");
  check(H5Pset_attr_creation_order(p, H5P_CRT_ORDER_TRACKED | H5P_CRT_ORDER_INDEXED),
        "track attribute order");
  return p;
}

Id write_1d(hid_t loc, const char* name, hid_t file_type, hid_t mem_type, const void* values,
            std::size_t n) {
  const hsize_t dim = n;
  Id space = checked(H5Screate_simple(1, &dim, nullptr), H5Sclose, "create a space");
  Id dcpl = dcpl_tracked();
  Id ds = checked(H5Dcreate2(loc, name, file_type, space, H5P_DEFAULT, dcpl, H5P_DEFAULT), H5Dclose,
                  std::string("create dataset ") + name);
  if (n > 0)
    check(H5Dwrite(ds, mem_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, values),
          std::string("write dataset ") + name);
  return ds;
}

Id write_scalar(hid_t loc, const char* name, hid_t file_type, hid_t mem_type, const void* value) {
  Id space = checked(H5Screate(H5S_SCALAR), H5Sclose, "create a scalar space");
  Id dcpl = dcpl_tracked();
  Id ds = checked(H5Dcreate2(loc, name, file_type, space, H5P_DEFAULT, dcpl, H5P_DEFAULT), H5Dclose,
                  std::string("create dataset ") + name);
  check(H5Dwrite(ds, mem_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, value),
        std::string("write dataset ") + name);
  return ds;
}

Id write_2d(hid_t loc, const char* name, hid_t file_type, hid_t mem_type, const void* values,
            std::size_t rows, std::size_t cols) {
  const hsize_t dim[2] = {rows, cols};
  return write_nd(loc, name, file_type, mem_type, values, dim);
}

Id write_nd(hid_t loc, const char* name, hid_t file_type, hid_t mem_type, const void* values,
            std::span<const hsize_t> dims) {
  Id space =
      checked(H5Screate_simple(int(dims.size()), dims.data(), nullptr), H5Sclose, "create a space");
  Id dcpl = dcpl_tracked();
  Id ds = checked(H5Dcreate2(loc, name, file_type, space, H5P_DEFAULT, dcpl, H5P_DEFAULT), H5Dclose,
                  std::string("create dataset ") + name);
  hsize_t n = 1;
  for (hsize_t d : dims) n *= d;
  if (n > 0)
    check(H5Dwrite(ds, mem_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, values),
          std::string("write dataset ") + name);
  return ds;
}

Id write_strings(hid_t loc, const char* name, const std::vector<std::string>& values) {
  Id type = checked(H5Tcopy(H5T_C_S1), H5Tclose, "copy a type");
  check(H5Tset_size(type, H5T_VARIABLE), "size a string type");
  check(H5Tset_cset(type, H5T_CSET_UTF8), "set UTF-8");
  std::vector<const char*> ptrs;
  ptrs.reserve(values.size());
  for (const auto& v : values) ptrs.push_back(v.c_str());
  return write_1d(loc, name, type, type, ptrs.data(), values.size());
}

Id write_string_scalar(hid_t loc, const char* name, const std::string& value) {
  Id type = checked(H5Tcopy(H5T_C_S1), H5Tclose, "copy a type");
  check(H5Tset_size(type, H5T_VARIABLE), "size a string type");
  check(H5Tset_cset(type, H5T_CSET_UTF8), "set UTF-8");
  Id space = checked(H5Screate(H5S_SCALAR), H5Sclose, "create a scalar space");
  Id dcpl = dcpl_tracked();
  Id ds = checked(H5Dcreate2(loc, name, type, space, H5P_DEFAULT, dcpl, H5P_DEFAULT), H5Dclose,
                  std::string("create dataset ") + name);
  const char* p = value.c_str();
  check(H5Dwrite(ds, type, H5S_ALL, H5S_ALL, H5P_DEFAULT, &p),
        std::string("write dataset ") + name);
  return ds;
}

void make_scale(hid_t ds, const char* dim) {
  check(H5DSset_scale(ds, dim), std::string("make dimension scale ") + dim);
}

void attach(hid_t ds, hid_t scale, unsigned axis) {
  check(H5DSattach_scale(ds, scale, axis), "attach a dimension scale");
}

namespace {

template <class T>
std::vector<T> read_numbers(hid_t loc, const char* name, hid_t mem_type) {
  Id ds = checked(H5Dopen2(loc, name, H5P_DEFAULT), H5Dclose, std::string("open dataset ") + name);
  Id space = checked(H5Dget_space(ds), H5Sclose, "read a dataset space");
  const hssize_t n = H5Sget_simple_extent_npoints(space);
  std::vector<T> out(static_cast<std::size_t>(n));
  if (n > 0)
    check(H5Dread(ds, mem_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, out.data()),
          std::string("read dataset ") + name);
  return out;
}

}  // namespace

std::vector<double> read_doubles(hid_t loc, const char* name) {
  return read_numbers<double>(loc, name, H5T_NATIVE_DOUBLE);
}
std::vector<std::int64_t> read_int64s(hid_t loc, const char* name) {
  return read_numbers<std::int64_t>(loc, name, H5T_NATIVE_INT64);
}
std::vector<int> read_ints(hid_t loc, const char* name) {
  return read_numbers<int>(loc, name, H5T_NATIVE_INT);
}

std::vector<std::string> read_strings(hid_t loc, const char* name) {
  Id ds = checked(H5Dopen2(loc, name, H5P_DEFAULT), H5Dclose, std::string("open dataset ") + name);
  Id space = checked(H5Dget_space(ds), H5Sclose, "read a dataset space");
  const hssize_t n = H5Sget_simple_extent_npoints(space);
  Id type = checked(H5Tcopy(H5T_C_S1), H5Tclose, "copy a type");
  check(H5Tset_size(type, H5T_VARIABLE), "size a type");
  check(H5Tset_cset(type, H5T_CSET_UTF8), "set UTF-8");
  std::vector<char*> ptrs(static_cast<std::size_t>(n), nullptr);
  if (n > 0)
    check(H5Dread(ds, type, H5S_ALL, H5S_ALL, H5P_DEFAULT, ptrs.data()),
          std::string("read dataset ") + name);
  std::vector<std::string> out;
  out.reserve(ptrs.size());
  for (char* p : ptrs) out.emplace_back(p ? p : "");
  if (n > 0) H5Dvlen_reclaim(type, space, H5P_DEFAULT, ptrs.data());
  return out;
}

std::vector<hsize_t> dims(hid_t loc, const char* name) {
  Id ds = checked(H5Dopen2(loc, name, H5P_DEFAULT), H5Dclose, std::string("open dataset ") + name);
  Id space = checked(H5Dget_space(ds), H5Sclose, "read a dataset space");
  const int rank = H5Sget_simple_extent_ndims(space);
  std::vector<hsize_t> d(static_cast<std::size_t>(std::max(rank, 0)));
  H5Sget_simple_extent_dims(space, d.data(), nullptr);
  return d;
}

bool exists(hid_t loc, const char* name) {
  return H5Lexists(loc, name, H5P_DEFAULT) > 0;
}

}  // namespace shinrin::io::h5
