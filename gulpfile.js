const { task, src, dest } = require('gulp');

// tsc emits only JavaScript; n8n loads the icons from beside the compiled node and credential.
task('build:icons', () =>
	src(['nodes/**/*.{png,svg}', 'credentials/**/*.{png,svg}'], { base: '.', encoding: false }).pipe(
		dest('dist'),
	),
);
