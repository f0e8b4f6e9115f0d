/* SPDX-License-Identifier: EUPL-1.2 */
#include "input.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>

int cli_read_all(char **data, size_t *len, FILE *stream)
{
	size_t capacity = 64 * 1024;
	size_t used = 0;
	char *buffer = malloc(capacity);

	if (buffer == NULL)
		return -1;
	for (;;) {
		/* Keep one byte free for the terminating NUL. */
		if (capacity - used < 2) {
			char *bigger;

			if (capacity > SIZE_MAX / 2) {
				free(buffer);
				errno = ENOMEM;
				return -1;
			}
			bigger = realloc(buffer, capacity * 2);
			if (bigger == NULL) {
				free(buffer);
				return -1;
			}
			buffer = bigger;
			capacity *= 2;
		}
		errno = 0;
		used += fread(buffer + used, 1, capacity - used - 1, stream);
		if (ferror(stream)) {
			int saved_errno = errno ? errno : EIO;
			free(buffer);
			errno = saved_errno;
			return -1;
		}
		if (feof(stream))
			break;
	}
	buffer[used] = '\0';
	*data = buffer;
	*len = used;
	return 0;
}
