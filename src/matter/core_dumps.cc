// Once keys are in memory a core file could hold them, or the plaintext they
// decrypt. RLIMIT_CORE 0 stops the kernel writing core files, but a
// core_pattern pipe handler is started regardless (it gets the limit as %c;
// systemd-coredump then stores nothing). PR_SET_DUMPABLE 0 stops dumps of
// both kinds unless fs.suid_dumpable is 2, and blocks ptrace by other
// processes of the same user. Neither call can fail for these arguments.
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
