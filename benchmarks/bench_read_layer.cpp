// Reading a register layer: OGR feature by feature against GDAL's columnar Arrow stream.
//
//   bench_read_layer FILE FIELD [FIELD ...] [--arrow] [--repeat R]
//
// Reads the named fields of every record of FILE's first layer, the way the parcel reader needs
// them (text fields as text, numbers as doubles), with every other field and the geometry
// ignored (OGRLayer::SetIgnoredFields, which both paths honour), and prints records per second
// (best and median of R) and a checksum of what was read (bytes of text, sum of numbers, count
// of empty values), so the two paths can be checked to read the same values. Without --arrow:
// OGRLayer::GetNextFeature and OGRFeature::GetFieldAsString / GetFieldAsDouble, as
// engine/io/parcel_source.cpp does today; with --arrow: OGRLayer::GetArrowStream (GDAL >= 3.6),
// batches of 65,536 records, values read from the Arrow C data interface buffers.
#include <gdal_priv.h>
#include <ogr_recordbatch.h>
#include <ogrsf_frmts.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

namespace {

struct Checksum {
  double text_bytes = 0.0, numbers = 0.0, empty = 0.0, records = 0.0;
};

struct DatasetCloser {
  void operator()(GDALDataset* d) const { GDALClose(d); }
};

bool valid(const ArrowArray& a, std::int64_t i) {
  if (a.null_count == 0 || a.buffers[0] == nullptr) return true;
  const std::int64_t k = i + a.offset;
  return (static_cast<const std::uint8_t*>(a.buffers[0])[k / 8] >> (k % 8)) & 1;
}

void read_arrow(OGRLayer& layer, Checksum& sum) {
  ArrowArrayStream stream{};
  const char* options[] = {"INCLUDE_FID=NO", "MAX_FEATURES_IN_BATCH=65536", nullptr};
  if (!layer.GetArrowStream(&stream, options)) {
    std::fprintf(stderr, "bench_read_layer: no Arrow stream: %s\n", CPLGetLastErrorMsg());
    std::exit(1);
  }
  ArrowSchema schema{};
  if (stream.get_schema(&stream, &schema) != 0) std::exit(1);
  std::string text;
  while (true) {
    ArrowArray batch{};
    if (stream.get_next(&stream, &batch) != 0) {
      std::fprintf(stderr, "bench_read_layer: %s\n", stream.get_last_error(&stream));
      std::exit(1);
    }
    if (batch.release == nullptr) break;
    sum.records += double(batch.length);
    for (std::int64_t c = 0; c < batch.n_children; ++c) {
      const ArrowArray& a = *batch.children[c];
      const char* format = schema.children[c]->format;
      for (std::int64_t i = 0; i < a.length; ++i) {
        if (!valid(a, i)) {
          sum.empty += 1.0;
          continue;
        }
        const std::int64_t k = i + a.offset;
        if (std::strcmp(format, "u") == 0) {  // UTF-8 text, 32-bit offsets
          const auto* offsets = static_cast<const std::int32_t*>(a.buffers[1]);
          const char* data = static_cast<const char*>(a.buffers[2]);
          text.assign(data + offsets[k], std::size_t(offsets[k + 1] - offsets[k]));
          sum.text_bytes += double(text.size());
        } else if (std::strcmp(format, "i") == 0) {
          sum.numbers += static_cast<const std::int32_t*>(a.buffers[1])[k];
        } else if (std::strcmp(format, "l") == 0) {
          sum.numbers += double(static_cast<const std::int64_t*>(a.buffers[1])[k]);
        } else if (std::strcmp(format, "g") == 0) {
          sum.numbers += static_cast<const double*>(a.buffers[1])[k];
        }
      }
    }
    batch.release(&batch);
  }
  schema.release(&schema);
  stream.release(&stream);
}

void read_features(OGRLayer& layer, const std::vector<int>& fields, Checksum& sum) {
  OGRFeatureDefn* defn = layer.GetLayerDefn();
  std::string text;
  for (auto& f : layer) {
    sum.records += 1.0;
    for (int k : fields) {
      if (!f->IsFieldSetAndNotNull(k)) {
        sum.empty += 1.0;
        continue;
      }
      const OGRFieldType type = defn->GetFieldDefn(k)->GetType();
      if (type == OFTString) {
        text = f->GetFieldAsString(k);
        sum.text_bytes += double(text.size());
      } else {
        sum.numbers += f->GetFieldAsDouble(k);
      }
    }
  }
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> names;
  bool arrow = false;
  int repeat = 3;
  std::string path;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--arrow") {
      arrow = true;
    } else if (a == "--repeat" && i + 1 < argc) {
      repeat = std::max(1, std::atoi(argv[++i]));
    } else if (path.empty()) {
      path = a;
    } else {
      names.push_back(a);
    }
  }
  if (path.empty() || names.empty()) {
    std::fprintf(stderr, "usage: bench_read_layer FILE FIELD [FIELD ...] [--arrow] [--repeat R]\n");
    return 2;
  }
  GDALAllRegister();
  std::vector<double> rates;
  Checksum sum;
  for (int r = 0; r < repeat; ++r) {
    const auto t0 = std::chrono::steady_clock::now();
    std::unique_ptr<GDALDataset, DatasetCloser> ds(
        GDALDataset::Open(path.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
    if (!ds || ds->GetLayerCount() < 1) {
      std::fprintf(stderr, "bench_read_layer: cannot open %s\n", path.c_str());
      return 1;
    }
    OGRLayer& layer = *ds->GetLayer(0);
    OGRFeatureDefn* defn = layer.GetLayerDefn();
    std::vector<int> fields;
    std::vector<const char*> ignored;
    for (const auto& n : names) {
      const int k = defn->GetFieldIndex(n.c_str());
      if (k < 0) {
        std::fprintf(stderr, "bench_read_layer: no field %s\n", n.c_str());
        return 1;
      }
      fields.push_back(k);
    }
    for (int k = 0; k < defn->GetFieldCount(); ++k) {
      if (std::find(fields.begin(), fields.end(), k) == fields.end())
        ignored.push_back(defn->GetFieldDefn(k)->GetNameRef());
    }
    ignored.push_back("OGR_GEOMETRY");
    ignored.push_back(nullptr);
    layer.SetIgnoredFields(ignored.data());
    sum = Checksum{};
    if (arrow) {
      read_arrow(layer, sum);
    } else {
      read_features(layer, fields, sum);
    }
    const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    rates.push_back(sum.records / s);
  }
  std::sort(rates.begin(), rates.end());
  std::printf("%s: %.0f records, %zu fields\n", arrow ? "Arrow stream" : "OGR features",
              sum.records, names.size());
  std::printf("records/s  best %.3g  median %.3g\n", rates.back(), rates[rates.size() / 2]);
  std::printf("checksum: text bytes %.0f, numbers %.6e, empty values %.0f\n", sum.text_bytes,
              sum.numbers, sum.empty);
  return 0;
}
