#!/usr/bin/env bash
# Regenerates test/fixtures/images/ (committed, so the image tests need none of these tools):
# JPEGs in every variant the decoder claims (sampling factors, progressive, restart intervals, gray,
# Adobe CMYK) from libjpeg-turbo's cjpeg, their reference gray decodes from djpeg (-grayscale is the Y
# channel, which the decoder returns), and BMP/TIFF variants from ImageMagick.
# Needs: apt-get install -y libjpeg-turbo-progs imagemagick. Usage: bash test/support/make-image-fixtures.sh [OUT_DIR]
set -euo pipefail
out="${1:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/fixtures/images}"
mkdir -p "$out"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"

# A photo-like source at an odd size (partial MCUs on both edges): gradients, sharp edges, a checker.
convert -size 99x75 gradient:'#f0e0c0-#203060' \
	-fill '#c02020' -draw 'circle 30,30 30,12' \
	-fill black -draw 'rectangle 60,10 90,40' -fill white -draw 'rectangle 66,16 84,34' -fill black -draw 'rectangle 71,21 79,29' \
	\( -size 8x8 pattern:checkerboard -scale 400% \) -geometry +8+50 -composite \
	-depth 8 photo.ppm
cp photo.ppm "$out/photo.ppm"

jpeg() { # name, cjpeg options…
	local name="$1"
	shift
	cjpeg -quality 88 "$@" photo.ppm >"$out/$name.jpg"
	djpeg -grayscale -pnm "$out/$name.jpg" >"$out/$name.pgm"
}
jpeg baseline-420 -sample 2x2
jpeg baseline-422 -sample 2x1
jpeg baseline-444 -sample 1x1
jpeg baseline-411 -sample 4x1
jpeg baseline-440 -sample 1x2
# Y is not the largest: Cb at 2x2, Y and Cr at 1x1 (Y must be upsampled).
jpeg odd-y-not-max -sample 1x1,2x2,1x1
# The decoder upsamples by replication: compare with djpeg's replication (-nosmooth), not its smoothing.
djpeg -grayscale -nosmooth -pnm "$out/odd-y-not-max.jpg" >"$out/odd-y-not-max.pgm"
jpeg progressive-420 -progressive -sample 2x2
jpeg progressive-444 -progressive -sample 1x1
jpeg restart-rows -restart 1 -sample 2x2
jpeg restart-blocks -restart 3B -sample 2x1
jpeg progressive-restart -progressive -restart 2B
jpeg gray -grayscale
jpeg gray-progressive -grayscale -progressive
for scale in 2 4 8; do
	djpeg -grayscale -pnm -scale "1/$scale" "$out/baseline-420.jpg" >"$out/baseline-420-scale$scale.pgm"
done
# Adobe CMYK (inverted, APP14 transform 0) and YCCK (transform 2): no djpeg gray for these; the tests
# compare with the source's luma.
convert photo.ppm -colorspace CMYK -quality 92 "$out/cmyk.jpg"

# Lossless formats from a source with few colours (a palette keeps them exactly) and a bilevel one.
convert -size 64x48 xc:'#f8f8f8' -fill '#d02020' -draw 'rectangle 4,4 30,20' -fill '#2040c0' -draw 'circle 45,30 45,18' \
	-fill black -draw 'rectangle 8,28 24,44' -fill '#40a040' -draw 'rectangle 50,2 62,10' +dither -colors 16 -depth 8 flat.ppm
cp flat.ppm "$out/flat.ppm"
convert flat.ppm -threshold 60% -depth 8 bilevel.ppm
cp bilevel.ppm "$out/bilevel.ppm"
convert flat.ppm BMP3:"$out/rgb24.bmp"
convert flat.ppm -type Palette BMP3:"$out/pal8.bmp"
convert flat.ppm -type Palette -compress RLE BMP3:"$out/rle8.bmp"
convert flat.ppm -alpha set -define bmp:format=bmp4 "$out/rgba32.bmp"
convert bilevel.ppm -type Bilevel BMP3:"$out/bw1.bmp"
convert flat.ppm -compress None "$out/rgb-none.tif"
convert flat.ppm -compress RLE "$out/rgb-packbits.tif"
convert flat.ppm -compress Zip "$out/rgb-deflate.tif"
convert flat.ppm -compress LZW "$out/rgb-lzw.tif"
# Noise: the LZW table fills and is cleared several times. And a picture behind the horizontal predictor.
convert -size 64x64 xc:gray +noise Random -depth 8 noise.ppm
cp noise.ppm "$out/noise.ppm"
convert noise.ppm -compress LZW "$out/noise-lzw.tif"
convert photo.ppm -compress LZW -define tiff:predictor=2 "$out/photo-lzw-predictor.tif"
convert flat.ppm -compress JPEG "$out/jpeg-in-tiff.tif"
# Black-and-white noise (a change every few pixels) as fax: Group 4, Group 3 1-D with byte-aligned EOLs,
# and Group 3 2-D / LSB-first fill order through libtiff's tiffcp when it is installed (libtiff-tools).
convert -size 101x75 xc:gray +noise Random -colorspace Gray -threshold 50% -type Bilevel -depth 8 bw-noise.pgm
cp bw-noise.pgm "$out/bw-noise.pgm"
convert bw-noise.pgm -type Bilevel -compress Group4 "$out/bw-noise-g4.tif"
convert bw-noise.pgm -type Bilevel -compress Fax "$out/bw-noise-g3.tif"
if command -v tiffcp >/dev/null; then
	tiffcp -c g3:2d "$out/bw-noise-g4.tif" "$out/bw-noise-g3-2d.tif"
	tiffcp -c g4 -f lsb2msb "$out/bw-noise-g4.tif" "$out/bw-noise-g4-lsb.tif"
fi
convert flat.ppm -type Palette -compress None "$out/palette.tif"
convert flat.ppm -depth 16 -compress None "$out/rgb16.tif"
convert bilevel.ppm -type Bilevel -compress None "$out/bw1.tif"
convert flat.ppm -colorspace Gray -compress None "$out/gray8.tif"
convert flat.ppm -colorspace Gray -depth 8 gray.pgm
cp gray.pgm "$out/gray8.pgm"
ls -la "$out"
