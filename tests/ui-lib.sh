# ui-lib.sh: what the tmux-driven tests of the entry screens share: a
# private tmux server, a small test register (tt), starting hotich in a
# window of 80x24 and polling its screen (never a fixed sleep).
#
# Sourced after tests/lib.sh. Set UI_TERM (default xterm), UI_USER (the
# user at the keyboard, HOTICH_USER; default clerk) and UI_ENV (more
# VAR=value words for hotich's environment) before start.

command -v tmux >/dev/null 2>&1 || { echo "1..0 # SKIP tmux is not installed"; exit 0; }

T="tmux -L hotich-ui$$ -f /dev/null"
trap '$T kill-server 2>/dev/null; rm -rf "$TMPDIR_T"' EXIT
db="$TMPDIR_T/db"
forms="$TMPDIR_T/forms"
mkdir "$forms"

# A small register, so that the keystrokes below stay readable.
cat > "$forms/tt.form" <<'EOF'
hotich-form 1
form tt
title "Sổ thử"
register TT

section "Thông tin đăng ký"
field co_quan text
  label "Cơ quan"
  required
  carry
field nam int
  label "Năm"
  range 1800 now
  required
  carry
field quyen text
  label "Quyển"
  required
  carry
field so regno
  label "Số"
  required
  autoinc
field trang int
  label "Trang"
  range 1 5000
  carry
field ngay_dang_ky date
  label "Ngày đăng ký"
  required

rule nam_khop warning
  assert year(ngay_dang_ky) = nam
  message "Năm của ngày đăng ký khác năm đăng ký"
  on ngay_dang_ky

section "Người"
field ho_ten name
  label "Họ tên"
  required
field ghi_chu text
  label "Ghi chú"

regno-key co_quan nam quyen so
person-key ho_ten
EOF

# start [ARGS]: hotich in a fresh tmux server, 80x24.
start() {
	$T kill-server 2>/dev/null
	# The old server must be gone before a new one takes the socket.
	i=0
	while $T has-session 2>/dev/null && [ $i -lt 100 ]; do
		i=$((i + 1))
		sleep 0.1
	done
	$T new-session -d -s ui -x 80 -y 24 \
	    "env LANG=C.UTF-8 TERM=${UI_TERM:-xterm} ${UI_ENV:-} \
	    HOTICH_USER=${UI_USER:-clerk} \
	    HOTICH_LOCALEDIR='$HOTICH_LOCALEDIR' HOTICH_KEYMAPS='$HOTICH_KEYMAPS' \
	    '$HOTICH' --lang en --db '$db' --forms '$forms' $*; \
	    echo hotich-exited-\$?; sleep 60"
}
screen() {
	$T capture-pane -t ui -p 2>/dev/null
}
# wait_for TEXT: poll the screen until TEXT shows (20 s at most).
wait_for() {
	i=0
	while [ $i -lt 200 ]; do
		screen | grep -qF -- "$1" && return 0
		i=$((i + 1))
		sleep 0.1
	done
	diag "timed out waiting for: $1"
	screen | sed 's/^/| /' >&2
	return 1
}
keys() {
	$T send-keys -t ui "$@"
}
typed() {
	$T send-keys -t ui -l "$1"
}
pid_of_hotich() {
	pgrep -f "hotich --lang en --db $db" | head -1
}
export_tt() {
	"$HOTICH" --db "$db" --forms "$forms" export --form tt
}

# open_book: from the home screen, start the book "UBND xã Yên Thế" (the
# office typed in Telex), 2020, "01" of the tt register through the books
# list and its prompts; 0 once the entry form shows.
open_book() {
	keys 1
	wait_for "A new book" || return 1
	keys Enter
	wait_for "which register" || return 1
	keys 1
	wait_for "Office" || return 1
	typed "UBND xax Yeen Thees"
	keys Enter
	wait_for "Year of registration" || return 1
	typed 2020
	keys Enter
	wait_for "Book number" || return 1
	typed 01
	keys Enter
	# The status line is the form's alone (the prompts name the form).
	wait_for "| field "
}

# to_home: from a form opened from the books list, back to the home
# screen (F10 twice).
to_home() {
	keys F10
	wait_for "A new book" || return 1
	keys F10
	wait_for "Open a book"
}

# quit_all: from such a form, leave the program; 0 once it has ended.
quit_all() {
	to_home || return 1
	keys F10
	wait_for "hotich-exited-0"
}
