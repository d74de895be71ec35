#include "vault/worker.h"

#include <future>

namespace winnow::vault {

std::string SegmentFileName(int shard, uint64_t seq) {
  char buf[64];
  std::snprintf(buf, sizeof(buf), "shard-%03d/seg-%06llu.age", shard, static_cast<unsigned long long>(seq));
  return buf;
}

ShardWorker::ShardWorker(std::string vault_dir, std::span<const age::Recipient* const> recipients, int zstd_level,
                         size_t max_queue)
    : vault_dir_(std::move(vault_dir)), recipients_(recipients), level_(zstd_level), max_queue_(max_queue) {
  thread_ = std::thread([this] { Run(); });
}

ShardWorker::~ShardWorker() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  thread_.join();
}

void ShardWorker::Push(std::function<void()> task) {
  std::unique_lock<std::mutex> lock(mu_);
  cv_.wait(lock, [&] { return queue_.size() < max_queue_; });
  queue_.push_back(std::move(task));
  cv_.notify_all();
}

void ShardWorker::Run() {
  for (;;) {
    std::function<void()> task;
    {
      std::unique_lock<std::mutex> lock(mu_);
      cv_.wait(lock, [&] { return stop_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stop_ and nothing left
      task = std::move(queue_.front());
      queue_.pop_front();
    }
    cv_.notify_all();
    task();
  }
}

void ShardWorker::Process(uint64_t seq, BlockJob& job) {
  if (!error_.ok()) return;
  auto it = open_.find(job.shard);
  if (it == open_.end()) {
    auto w = SegmentWriter::Create(vault_dir_, SegmentFileName(job.shard, seq), job.shard, recipients_, level_);
    if (!w.ok()) {
      error_ = w.status();
      return;
    }
    it = open_.emplace(job.shard, std::move(w).value()).first;
  }
  Status s = it->second->AddBlock(job.lines, std::move(job.entries));
  if (!s.ok()) error_ = s;
  job.lines.clear();
  std::lock_guard<std::mutex> lock(mu_);
  if (spare_.size() < max_queue_ + 2) spare_.push_back(std::move(job.lines));
}

std::string ShardWorker::TakeBuffer() {
  std::lock_guard<std::mutex> lock(mu_);
  if (spare_.empty()) return std::string();
  std::string b = std::move(spare_.back());
  spare_.pop_back();
  return b;
}

void ShardWorker::Submit(uint64_t seq, BlockJob job) {
  auto shared = std::make_shared<BlockJob>(std::move(job));
  Push([this, seq, shared] { Process(seq, *shared); });
}

StatusOr<std::vector<SealedSegment>> ShardWorker::Seal() {
  std::promise<StatusOr<std::vector<SealedSegment>>> done;
  auto result = done.get_future();
  Push([this, &done] {
    std::vector<SealedSegment> sealed;
    for (auto& [shard, writer] : open_) {
      if (!error_.ok()) break;
      auto rec = writer->Finish();
      if (!rec.ok()) {
        error_ = rec.status();
        break;
      }
      sealed.push_back({std::move(rec).value(), writer->Renames()});
    }
    open_.clear();
    if (!error_.ok()) {
      Status e = error_;
      error_ = Status::Ok();
      done.set_value(e);
    } else {
      done.set_value(std::move(sealed));
    }
  });
  return result.get();
}

}  // namespace winnow::vault
