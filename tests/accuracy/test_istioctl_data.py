"""The istioctl flag data is read from the cobra source of the release
(data/cobra_source.py): the reader follows how commands are really built, and
hidden or deprecated flags make a page that shows them as current fail."""

from __future__ import annotations

import subprocess

from accuracy.checks import flag_problem, resolve_command
from accuracy.data import cobra_source

MAIN = """package main

import "example.com/tool/cmd"

func main() {
	root := cmd.Root()
	root.Execute()
}
"""

ROOT = """package cmd

import (
	"github.com/spf13/cobra"
	"github.com/spf13/viper"
)

const flagName = "namespace"

type options struct{ revision string }

func (o *options) attach(c *cobra.Command) {
	c.PersistentFlags().StringVarP(&o.revision, "revision", "r", "", "Control plane revision")
}

func Root() *cobra.Command {
	root := &cobra.Command{Use: "tool"}
	flags := root.PersistentFlags()
	flags.StringVarP(&ns, flagName, "n", "", "Namespace")
	_ = root.PersistentFlags().MarkHidden("log_level")
	for _, c := range []*cobra.Command{get(), other("del")} {
		root.AddCommand(c)
	}
	if viper.GetBool("EXPERIMENTAL") {
		root.AddCommand(other("hidden-by-default"))
	}
	return root
}

func get() *cobra.Command {
	opts := new(options)
	c := &cobra.Command{
		Use:     "get <name>",
		Aliases: []string{"g"},
		RunE: func(c *cobra.Command, args []string) error {
			c.Flags().Bool("set-at-run-time", false, "")
			return nil
		},
	}
	opts.attach(c)
	c.Flags().BoolVar(&all, "all", false, "[Removed: always on] all of them")
	return c
}

func other(name string) *cobra.Command {
	return &cobra.Command{Use: name}
}
"""


def _repo(tmp_path) -> str:
    for path, text in {"main/main.go": MAIN, "cmd/root.go": ROOT}.items():
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text(text, encoding="utf-8")
    git = ["git", "-C", str(tmp_path), "-c", "user.name=t", "-c", "user.email=t@t"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "."], check=True)
    subprocess.run([*git, "commit", "-qm", "fixture"], check=True)
    return str(tmp_path / ".git")


def test_the_reader_follows_how_commands_are_built(tmp_path, monkeypatch):
    monkeypatch.setattr(cobra_source, "MODULE", "example.com/tool/")
    root = cobra_source.command_tree(cobra_source.Source(_repo(tmp_path), "HEAD", ["main", "cmd"]), "main")
    assert [c.name for c in root.children] == ["get", "del"]  # the viper-gated command is off by default
    get = root.children[0]
    assert get.aliases == ["g"]
    assert sorted(get.flags) == ["all", "revision"]  # not the flag a RunE closure would add
    assert get.flags["revision"].short == "r" and get.flags["revision"].persistent
    assert get.flags["all"].deprecated
    assert root.flags["namespace"].short == "n"  # through a flag-set variable and a constant


def test_deprecated_and_hidden_istioctl_flags_fail_when_shown_as_current():
    analyze = resolve_command(["istioctl", "analyze"])
    assert flag_problem(analyze, "--recursive") == "`istioctl analyze` --recursive is deprecated"
    assert flag_problem(analyze, "--recursive", deprecated_ok=True) is None
    generate = resolve_command(["istioctl", "manifest", "generate"])
    assert flag_problem(generate, "--filter") == "`istioctl manifest generate` --filter is deprecated"
    assert flag_problem(generate, "--output") is None
    status = resolve_command(["istioctl", "proxy-status"])
    assert flag_problem(status, "-f") == "`istioctl proxy-status` has no flag -f"  # --file has no short form in 1.31


def test_aliases_and_inherited_flags_are_spelled_out():
    for words in (["istioctl", "x", "precheck"], ["istioctl", "pc", "c"], ["istioctl", "ztunnel-config", "workload"]):
        command = resolve_command(words)
        assert command is not None and command.path == tuple(words)
        assert "--kubeconfig" in command.flags and "-n" in command.flags  # the root's persistent flags
