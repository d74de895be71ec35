// Once keys are in memory a core file could hold them, or the plaintext they
// decrypt. RLIMIT_CORE 0 stops ordinary core files; PR_SET_DUMPABLE 0 also
// stops core_pattern pipe handlers (systemd-coredump ignores RLIMIT_CORE)
// and ptrace attachment by other processes of the same user.
#include <sys/prctl.h>
#include <sys/resource.h>

#include "winnow/matter.h"

namespace winnow {

void DisableCoreDumps() {
  ::prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
  struct rlimit none = {0, 0};
  ::setrlimit(RLIMIT_CORE, &none);
}

}  // namespace winnow
