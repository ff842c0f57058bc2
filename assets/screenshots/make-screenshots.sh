#!/usr/bin/env bash
# Regenerates the README's pictures from the real window, without a display:
#
#     assets/screenshots/make-screenshots.sh                 every picture below
#     assets/screenshots/make-screenshots.sh im2col-tap ...  only those (names without .png/.gif)
#     assets/screenshots/make-screenshots.sh --ui-tests      also the two composites made by UI tests
#     SHOTS_DIR=/tmp/look WINDOW=1024x768 assets/screenshots/make-screenshots.sh
#                                                          the same pictures elsewhere, at another size
#
# Each picture is `java -jar target/unfold.jar --screenshot …` (or `… render …` for the GIF) with the options
# its README caption describes; all run at 1600 × 960 unless a line says otherwise. The jar is rebuilt first
# when a source file or the pom is newer than it.
#
# Two pictures cannot be made this way, because they show a second window over the main one:
#   classroom-image-dialog.png  ClassroomImagesFxTest#aFileBecomesTheInputWithTheChosenChannelsFramingAndSize
#   classroom-help.png          ClassroomLookFxTest#helpExplainsBothOperationsWithTheSeedsIndexMaps
# Those tests keep what Monocle's headless screen shows, cut to the windows, in target/ui-shots/
# (image-dialog.png, help-col2im.png). With --ui-tests this script runs the two tests and copies them here;
# by hand:
#     mvn -q -B test -Dtest='ClassroomImagesFxTest#aFileBecomes*,ClassroomLookFxTest#helpExplains*'
#     cp target/ui-shots/image-dialog.png assets/screenshots/classroom-image-dialog.png
#     cp target/ui-shots/help-col2im.png  assets/screenshots/classroom-help.png
#
# Look at every picture afterwards: a changed layout can clip text or pick a step that shows nothing.
set -euo pipefail

cd "$(dirname "$0")/../.."
OUT=${SHOTS_DIR:-assets/screenshots}
WINDOW=${WINDOW:-1600x960}
JAR=target/unfold.jar
mkdir -p "$OUT"

ui_tests=false
only=()
for a in "$@"; do
    case "$a" in
        --ui-tests) ui_tests=true ;;
        -h|--help) sed -n '2,24p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        -*) echo "make-screenshots.sh: unknown option $a" >&2; exit 2 ;;
        *) only+=("${a%.*}") ;;
    esac
done

for n in "${only[@]}"; do
    if ! grep -q -e "^shot $n " -e "^if wanted $n;" "$0"; then
        echo "make-screenshots.sh: no picture called $n (see assets/screenshots/)" >&2
        exit 2
    fi
done

if [[ ! -f $JAR || -n $(find src pom.xml -newer "$JAR" -type f -print -quit) ]]; then
    echo "building $JAR"
    mvn -q -B -DskipTests package
fi

ERR=$(mktemp)
trap 'rm -f "$ERR"' EXIT

# unfold OPTION...: the jar, quiet unless it fails (JavaFX's start-up warning and render's progress bar go)
unfold() {
    if ! java -jar "$JAR" "$@" 2>"$ERR"; then
        grep -v -e '^WARNING: Unsupported JavaFX' -e 'PlatformImpl startup' "$ERR" >&2
        exit 1
    fi
}

wanted() {
    [[ ${#only[@]} -eq 0 ]] && return 0
    local n
    for n in "${only[@]}"; do [[ $n == "$1" ]] && return 0; done
    return 1
}

# shot NAME OPTION...: one PNG of the main window
shot() {
    local name=$1
    shift
    wanted "$name" || return 0
    echo "$OUT/$name.png"
    unfold --screenshot "$OUT/$name.png" --window "$WINDOW" "$@"
}

# The seed notebook's first example: 4 × 4 input 1..16, 2 × 2 kernel, stride 1, padding 1.
SEED=(--input seed --size 4 --kernel 2 --stride 1 --pad 1)

# Visualizer
shot im2col-patch "${SEED[@]}" --order patch --step 27
shot im2col-tap --channels 3 --size 6 --kernel 3 --stride 2 --pad 1 --order tap --step 70
shot im2col-thread --input seed --size 4 --kernel 2 --stride 2 --pad 1 --order thread --step 20
shot im2col-tensor --size 5 --kernel 3 --stride 1 --pad 1 --order tap --layout tensor --step 120
shot im2col-64x64 --size 64 --kernel 5 --stride 1 --pad 2 --order patch --step 40000
shot im2col-korean --lang ko --size 5 --kernel 3 --stride 1 --pad 1 --dilation 2 --order patch --step 33

# Backward
shot col2im-tap --view col2im "${SEED[@]}" --order tap --gradient ramp --step 9
shot col2im-pixel --view col2im --size 5 --kernel 3 --stride 2 --pad 1 --order pixel --gradient ones --step 37
shot col2im-overlap --view col2im --size 4 --kernel 2 --stride 1 --pad 0 --order tap --gradient ones \
    --heatmap --roundtrip --step 20
shot col2im-korean --lang ko --view col2im --size 5 --kernel 3 --stride 2 --pad 1 --order pixel \
    --gradient ones --step 30
shot col2im-64x64 --view col2im --size 64 --kernel 5 --stride 1 --pad 2 --order tap --gradient ones \
    --step 30000
shot gemm-forward --view gemm "${SEED[@]}" --product forward --out-channels 1 --weights box-blur \
    --out-grad ones --step 27
shot gemm-column-gradient --view gemm --size 5 --kernel 3 --stride 1 --pad 1 --product column-gradient \
    --out-channels 2 --weights edge-x --out-grad one-hot --step 226
shot gemm-weight-gradient --view gemm --size 5 --kernel 3 --stride 1 --pad 1 --product weight-gradient \
    --out-channels 2 --weights edge-x --out-grad ones --step 70

# Classroom
shot classroom-image-rgb --image sample:smiley --image-mode rgb --size 12 --kernel 3 --stride 1 --pad 1 \
    --order patch --step 200
shot classroom-korean --lang ko --image sample:digit --size 16 --kernel 3 --stride 1 --pad 1 --order patch \
    --step 300
shot classroom-presentation "${SEED[@]}" --order patch --presentation --hide-params --step 37
shot classroom-high-contrast --theme high-contrast --channels 3 --size 5 --kernel 3 --stride 1 --pad 1 \
    --order tap --step 100
shot classroom-dark-colour-blind --theme dark --palette colour-blind --channels 3 --size 5 --kernel 3 \
    --stride 1 --pad 1 --order patch --step 100

# render: the README quotes this command (with --out seed.gif); it stays 1280 × 720 at any WINDOW
if wanted classroom-seed; then
    echo "$OUT/classroom-seed.gif"
    unfold render --out "$OUT/classroom-seed.gif" "${SEED[@]}" --order patch --frames 26 --fps 3 \
        --window 1280x720 --hide-params
fi

if $ui_tests; then
    echo "running the UI tests that draw the image dialog and the help window"
    mvn -q -B test -Dtest='ClassroomImagesFxTest#aFileBecomes*,ClassroomLookFxTest#helpExplains*'
    cp target/ui-shots/image-dialog.png "$OUT/classroom-image-dialog.png"
    cp target/ui-shots/help-col2im.png "$OUT/classroom-help.png"
    echo "$OUT/classroom-image-dialog.png"
    echo "$OUT/classroom-help.png"
elif [[ ${#only[@]} -eq 0 ]]; then
    echo "not remade: classroom-image-dialog.png, classroom-help.png (UI tests; run with --ui-tests)"
fi
