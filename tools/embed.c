/* embed: turn a file into a C source defining `const char NAME[]` and `NAME_len`.
 * usage: embed NAME INPUT > OUTPUT.c   (build-time helper, not part of sunset) */
#include <stdio.h>

int main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: embed NAME INPUT\n");
		return 2;
	}
	FILE *in = fopen(argv[2], "rb");
	if (!in) {
		perror(argv[2]);
		return 1;
	}
	printf("/* generated from %s by tools/embed.c; do not edit */\n#include <stddef.h>\n", argv[2]);
	printf("const char %s[] = {", argv[1]);
	size_t n = 0;
	int ch;
	while ((ch = fgetc(in)) != EOF)
		printf("%s%d,", n++ % 20 ? "" : "\n", ch);
	printf("\n0};\nconst size_t %s_len = %zu;\n", argv[1], n);
	fclose(in);
	return ferror(stdout) ? 1 : 0;
}
