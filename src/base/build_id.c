/* The build id of the object holding this code.
 *
 * Results derived by chorus's own code (a seen report's sentences and
 * stems) may be kept between runs only while the code that derived them is
 * the same: any change to the splitter, the tokenizer or a stemmer must make
 * them stale. The linker's build id (a hash of the linked object, on by
 * default on Debian) changes with every change of the code or of a library
 * linked into it, so keys that carry it never read another build's results. */
#include <link.h>
#include <pthread.h>
#include <stdint.h>
#include <string.h>

#include "build_id.h"

static pthread_once_t once = PTHREAD_ONCE_INIT;
static const unsigned char *id;
static size_t id_len;

/* The GNU build-id note among an object's notes. */
static void find_note(const struct dl_phdr_info *info, const ElfW(Phdr) * ph)
{
    const unsigned char *p = (const unsigned char *)(info->dlpi_addr + ph->p_vaddr);
    size_t left = ph->p_memsz;
    while (left >= sizeof(ElfW(Nhdr))) {
        ElfW(Nhdr) n;
        memcpy(&n, p, sizeof n);
        size_t name_sz = (n.n_namesz + 3u) & ~(size_t)3, desc_sz = (n.n_descsz + 3u) & ~(size_t)3;
        if (sizeof n + name_sz + desc_sz > left) return;
        if (n.n_type == NT_GNU_BUILD_ID && n.n_namesz == 4 && !memcmp(p + sizeof n, "GNU", 4) && n.n_descsz) {
            id = p + sizeof n + name_sz;
            id_len = n.n_descsz;
            return;
        }
        p += sizeof n + name_sz + desc_sz;
        left -= sizeof n + name_sz + desc_sz;
    }
}

static int visit(struct dl_phdr_info *info, size_t size, void *self)
{
    (void)size;
    uintptr_t at = (uintptr_t)self;
    int mine = 0;
    for (int i = 0; i < info->dlpi_phnum && !mine; i++) {
        const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
        uintptr_t lo = info->dlpi_addr + ph->p_vaddr;
        mine = ph->p_type == PT_LOAD && at >= lo && at - lo < ph->p_memsz;
    }
    if (!mine) return 0;
    for (int i = 0; i < info->dlpi_phnum && !id; i++)
        if (info->dlpi_phdr[i].p_type == PT_NOTE) find_note(info, &info->dlpi_phdr[i]);
    return 1;
}

static void look(void) { dl_iterate_phdr(visit, (void *)(uintptr_t)&cx_build_id); }

const unsigned char *cx_build_id(size_t *len)
{
    pthread_once(&once, look);
    *len = id_len;
    return id;
}
