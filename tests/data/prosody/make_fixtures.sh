#!/bin/sh
# Re-makes the prosody test recordings in this folder (16 kHz mono 16-bit FLAC).
# Needs: espeak-ng, sox, festival with festvox-kallpc16k and festvox-us-slt-hts.
# See README.md in this folder for what each file is and how it is judged.
set -eu
cd "$(dirname "$0")"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

STATEMENT="I'm very interested in this role."
QUESTION="I'm very interested in this role?"
PASSAGE="In my last role I built the demand forecasting dashboards that the operations \
team used every single week. I worked closely with the finance group and the warehouse \
managers, and I turned their questions into clear reports that they could act on. \
That is the kind of work I want to keep doing here, and I think my experience fits \
what your team needs right now."

# to_flac IN OUT: trim silence at both ends (keep 0.2 s), 16 kHz mono 16-bit FLAC
to_flac() {
  sox "$1" -r 16000 -c 1 -b 16 "$TMP/t.wav" silence 1 0.02 0.5% reverse silence 1 0.02 0.5% reverse
  sox "$TMP/t.wav" "$2" pad 0.2 0.2
}

# bend_end IN OUT CENTS: bend the pitch of the last 0.4 s of speech by CENTS (time kept)
bend_end() {
  sox "$1" -r 16000 -c 1 -b 16 "$TMP/b.wav" silence 1 0.02 0.5% reverse silence 1 0.02 0.5% reverse
  d=$(soxi -D "$TMP/b.wav")
  start=$(echo "$d - 0.42" | bc -l)
  sox "$TMP/b.wav" "$TMP/b2.wav" bend -f 50 -o 16 "$start,$2,0.40"
  to_flac "$TMP/b2.wav" "$3"
}

espeak() { # VOICE TEXT OUT [extra espeak-ng args]
  v=$1; txt=$2; out=$3; shift 3
  espeak-ng -v "$v" -s 150 "$@" -w "$TMP/e.wav" "$txt"
  cp "$TMP/e.wav" "$out"
}

festival_say() { # VOICE TEXT OUT [scheme before synthesis]
  printf '%s\n' "$2" > "$TMP/f.txt"
  text2wave -eval "(voice_$1)" ${4:+-eval "$4"} -o "$3" "$TMP/f.txt"
}

# ---- statements: falling (declarative) vs rising (uptalk) ----------------------------
# espeak-ng en-us (male) and en-us+f3 (female): "." gives a declarative fall, "?" the
# voice's own question rise; a sox bend of the last 0.4 s makes a second kind of rise.
for v in en-us en-us+f3; do
  n=$(echo "$v" | tr '+' '-')
  espeak "$v" "$STATEMENT" "$TMP/s.wav";  to_flac "$TMP/s.wav" "statement-falling-espeak-$n.flac"
  espeak "$v" "$QUESTION" "$TMP/q.wav";   to_flac "$TMP/q.wav" "statement-rising-espeak-$n-question.flac"
  bend_end "$TMP/s.wav" 1000 "statement-rising-espeak-$n-bend1000.flac"
  bend_end "$TMP/s.wav" -300 "statement-falling-espeak-$n-bend-300.flac"
done
# Festival: the HTS voice (slt, female) and the diphone voice (kal, male)
for fv in cmu_us_slt_arctic_hts kal_diphone; do
  n=$(echo "$fv" | cut -d_ -f1-3 | tr '_' '-')
  festival_say "$fv" "$STATEMENT" "$TMP/s.wav"; to_flac "$TMP/s.wav" "statement-falling-festival-$n.flac"
  bend_end "$TMP/s.wav" 900 "statement-rising-festival-$n-bend900.flac"
  festival_say "$fv" "$QUESTION" "$TMP/q.wav"; to_flac "$TMP/q.wav" "statement-other-festival-$n-question.flac"
done
# a creaky / unvoiced ending: the statement with its last 0.35 s replaced by whispery noise
espeak en-us "$STATEMENT" "$TMP/s.wav"
sox "$TMP/s.wav" -r 16000 -c 1 -b 16 "$TMP/c.wav" silence 1 0.02 0.5% reverse silence 1 0.02 0.5% reverse
d=$(soxi -D "$TMP/c.wav"); keep=$(echo "$d - 0.35" | bc -l)
sox "$TMP/c.wav" "$TMP/c1.wav" trim 0 "$keep"
sox -R -n -r 16000 -c 1 -b 16 "$TMP/c2.wav" synth 0.35 pinknoise vol 0.15
sox "$TMP/c1.wav" "$TMP/c2.wav" "$TMP/c3.wav"
to_flac "$TMP/c3.wav" "statement-unknown-espeak-en-us-whispered-end.flac"

# ---- endings before a pause: held (more to come) vs level ------------------------------
# espeak-ng voices the statement with an SSML break where the sentence goes on; the speech
# before the break is kept (sox stops at the first 0.8 s of silence). The words look
# finished, the intonation is held for what follows.
for v in en-us en-us+f3; do
  n=$(echo "$v" | tr '+' '-')
  espeak "$v" "<speak>I'm very interested in this role<break time=\"1500ms\"/> and in the people I would work with.</speak>" "$TMP/h.wav" -m
  sox "$TMP/h.wav" -r 16000 -c 1 -b 16 "$TMP/h1.wav" silence 1 0.02 0.5% 1 0.8 0.5%
  to_flac "$TMP/h1.wav" "ending-held-espeak-$n.flac"
done
# Festival kal reading the statement on a flat F0 (DuffInt, start = end = 110 Hz)
festival_say kal_diphone "$STATEMENT" "$TMP/k.wav" \
  "(begin (Parameter.set 'Int_Method 'DuffInt) (Parameter.set 'Int_Target_Method Int_Targets_Default) (set! duffint_params '((start 110) (end 110))))"
to_flac "$TMP/k.wav" "ending-level-festival-kal.flac"

# The lively reading: the same passage sentence by sentence, each at its own espeak-ng
# pitch level (-p) with the widest SSML range, joined with sox.
SENTENCES="In my last role I built the demand forecasting dashboards that the operations team used every single week.|\
I worked closely with the finance group and the warehouse managers,|\
and I turned their questions into clear reports that they could act on.|\
That is the kind of work I want to keep doing here,|\
and I think my experience fits what your team needs right now."
lively() { # VOICE OUT
  i=0; parts=""
  for p in 75 30 90 35 65; do
    i=$((i + 1))
    txt=$(printf '%s' "$SENTENCES" | cut -d'|' -f$i)
    espeak-ng -v "$1" -s 150 -p $p -m -w "$TMP/l$i.wav" "<speak><prosody range=\"x-high\">$txt</prosody></speak>"
    parts="$parts $TMP/l$i.wav"
  done
  sox $parts "$2"
}

# ---- passages: monotone vs lively (about 20 s, > 8 s voiced) --------------------------
for v in en-us en-us+f3; do
  n=$(echo "$v" | tr '+' '-')
  espeak "$v" "<speak><prosody range=\"x-low\">$PASSAGE</prosody></speak>" "$TMP/m.wav" -m
  to_flac "$TMP/m.wav" "passage-monotone-espeak-$n.flac"
  lively "$v" "$TMP/l.wav"
  to_flac "$TMP/l.wav" "passage-lively-espeak-$n.flac"
done
# Festival diphone voice with flat intonation (DuffInt, start = end = 110 Hz)
festival_say kal_diphone "$PASSAGE" "$TMP/m.wav" \
  "(begin (Parameter.set 'Int_Method 'DuffInt) (Parameter.set 'Int_Target_Method Int_Targets_Default) (set! duffint_params '((start 110) (end 110))))"
to_flac "$TMP/m.wav" "passage-monotone-festival-kal.flac"
