// ShardWorker: a thread that compresses and encrypts the blocks of the
// shards it owns into their current segments, and seals them on request.
// Blocks of one shard always go to the same worker, so each segment is
// written in order by one thread. Submit and Seal are called by the one
// thread that drives an ingest.
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <thread>

#include "vault/segment_writer.h"

namespace winnow::vault {

struct BlockJob {
  int shard = 0;
  std::string lines;
  std::vector<EntryLocation> entries;
};

struct SealedSegment {
  SegmentRecord record;
  std::vector<std::pair<std::string, std::string>> renames;
};

class ShardWorker {
 public:
  ShardWorker(std::string vault_dir, std::span<const age::Recipient* const> recipients, int zstd_level,
              size_t max_queue);
  ~ShardWorker();  // stops the thread; unsealed segments stay as .tmp files

  // Queues a block for segment `seq` of its shard; waits while the queue is full.
  void Submit(uint64_t seq, BlockJob job);
  // A cleared buffer for the next block's lines: one the worker finished
  // with, so block buffers are reused instead of freshly allocated (and
  // zeroed by the kernel) for every block.
  std::string TakeBuffer();

  // Waits for every queued block, finishes the open segments and returns
  // them, or the first error any job met since the last Seal.
  StatusOr<std::vector<SealedSegment>> Seal();

 private:
  void Run();
  void Push(std::function<void()> task);
  void Process(uint64_t seq, BlockJob& job);

  std::string vault_dir_;
  std::span<const age::Recipient* const> recipients_;
  int level_;
  size_t max_queue_;

  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::function<void()>> queue_;
  std::vector<std::string> spare_;  // buffers of processed blocks
  bool stop_ = false;

  // Owned by the worker thread.
  std::map<int, std::unique_ptr<SegmentWriter>> open_;
  Status error_;

  std::thread thread_;
};

std::string SegmentFileName(int shard, uint64_t seq);

}  // namespace winnow::vault
